import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([
  { when: "vegetarian", memories: [{ content: "User is vegetarian", type: "preference", category: "food", importance: 0.9 }] },
  { when: "Maya", entities: [{ name: "Maya", kind: "person", attributes: { relation: "sister" } }] },
]);

let app: Memoria;
const config = { configurable: { thread_id: "hygiene-1" } };
const turn = (tier: Tier, text: string) =>
  app.graph.invoke({ messages: [{ role: "user", content: text }] }, { ...config, context: { userId: "hygiene-user", tier, profile: "Name: Sam" } });

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings(), logger: { warn: () => {}, info: () => {} } });
});
afterAll(() => app?.close());

describe("retrieved data in state describes the current turn only", () => {
  it("after a tier-A turn, F, D and C turns on the same thread leave no memories, entities or profile in state", async () => {
    await turn("A", "I'm vegetarian and my sister Maya visits.");
    const a = await turn("A", "What should I cook for Maya? I'm vegetarian.");
    expect(a.memories.map((m: { content: string }) => m.content)).toContain("User is vegetarian");
    expect(a.entities.map((e: { name: string }) => e.name)).toContain("Maya");
    for (const tier of ["F", "D", "C"] as const) {
      expect((await turn("A", "Remind me what I eat, I'm vegetarian. Maya too?")).memories).not.toEqual([]);
      const out = await turn(tier, "And what about Maya, vegetarian dinner?");
      expect(out.memories, tier).toEqual([]);
      expect(out.entities, tier).toEqual([]);
      expect(out.userProfile, tier).toBe("");
      const saved = (await app.graph.getState(config)).values;
      expect(saved.memories, tier).toEqual([]);
      expect(saved.entities, tier).toEqual([]);
    }
    const b = await turn("B", "Maya is coming, I'm vegetarian.");
    expect(b.memories).toEqual([]);
    expect(b.userProfile).toBe("");
    expect(b.entities.map((e: { name: string }) => e.name)).toContain("Maya");
  });
});
