import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { lastReplySystemPrompt, scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const ODD_IDS = ["alice", `o'brien "the" user`, "team/alice/../bob", "ユーザー🙂", "alice ", '{"$ne": "x"}'];

const model = scriptedMemoryModel(
  ODD_IDS.map((id, i) => ({
    when: `secret-${i}`,
    memories: [{ content: `User's secret word is secret-${i} zebra`, type: "fact" as const, category: "personal", importance: 0.9 }],
    entities: [{ name: `Pal${i}`, kind: "person", attributes: { note: `secret-${i}` } }],
  })),
);

let app: Memoria;
beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings() });
  for (const [i, userId] of ODD_IDS.entries()) {
    await app.graph.invoke(
      { messages: [{ role: "user", content: `My secret word is secret-${i} zebra, and my friend Pal${i} knows it.` }] },
      { configurable: { thread_id: `iso-${i}` }, context: { userId, tier: "A" } },
    );
  }
});
afterAll(() => app?.close());

describe("per-user isolation", () => {
  for (const [i, userId] of ODD_IDS.entries()) {
    it(`user ${JSON.stringify(userId)} sees only their own memories and entities`, async () => {
      await app.graph.invoke(
        { messages: [{ role: "user", content: `What is my secret word, zebra? Ask ${ODD_IDS.map((_, j) => `Pal${j}`).join(" ")}` }] },
        { configurable: { thread_id: `iso-probe-${i}` }, context: { userId, tier: "A", minScore: -1 } },
      );
      const system = lastReplySystemPrompt(model);
      expect(system).toContain(`secret-${i}`);
      const others = ODD_IDS.map((_, j) => j).filter((j) => j !== i);
      for (const j of others) expect(system).not.toContain(`secret-${j}`);
      expect((await app.stores.memory.list(userId)).map((m) => m.userId)).toEqual([userId]);
      expect((await app.stores.entities.list(userId)).map((e) => e.name)).toEqual([`Pal${i}`]);
    });
  }
});
