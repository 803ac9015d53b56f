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
const configOf = (thread: string) => ({ configurable: { thread_id: thread } });
const turn = (thread: string, tier: Tier, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { ...configOf(thread), context: { userId: "hygiene-user", tier, profile: "Name: Sam" } },
  );

beforeAll(async () => {
  app = await createMemoria({
    config: testConfig(),
    chatModel: model,
    embedder: new HashEmbeddings(),
    logger: { warn: () => {}, info: () => {} },
  });
  await turn("seed", "A", "I'm vegetarian and my sister Maya visits.");
});
afterAll(() => app?.close());

describe("retrieved data in state describes the current turn only", () => {
  for (const tier of ["F", "D", "C"] as const) {
    it(`a tier-${tier} turn after a tier-A turn on the same thread leaves no memories, entities or profile in state`, async () => {
      const thread = `hygiene-${tier}`;
      const a = await turn(thread, "A", "What should I cook for Maya? I'm vegetarian.");
      expect(a.memories.map((m: { content: string }) => m.content)).toContain("User is vegetarian");
      expect(a.entities.map((e: { name: string }) => e.name)).toContain("Maya");
      const out = await turn(thread, tier, "And what about Maya, vegetarian dinner?");
      expect(out.memories).toEqual([]);
      expect(out.entities).toEqual([]);
      expect(out.userProfile).toBe("");
      const saved = (await app.graph.getState(configOf(thread))).values;
      expect(saved.memories).toEqual([]);
      expect(saved.entities).toEqual([]);
    });
  }

  it("a tier-B turn after tier A keeps only its entities", async () => {
    await turn("hygiene-B", "A", "What should I cook for Maya? I'm vegetarian.");
    const b = await turn("hygiene-B", "B", "Maya is coming, I'm vegetarian.");
    expect(b.memories).toEqual([]);
    expect(b.userProfile).toBe("");
    expect(b.entities.map((e: { name: string }) => e.name)).toContain("Maya");
  });
});
