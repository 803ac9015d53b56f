import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { lastReplyMessages, lastReplySystemPrompt, scriptedMemoryModel } from "../helpers/scripted-model.js";
import { tempDir } from "../helpers/stores.js";
import { messageText } from "../../src/memory/token-counter.js";

const rules = [
  {
    when: "marathon",
    memories: [{ content: "User is training for the Lisbon marathon", type: "fact" as const, category: "health", importance: 0.8 }],
  },
];

describe("restart over the same data directory (embedded Chroma + SQLite checkpointer)", () => {
  it("new process objects still recall threads and memories", async () => {
    const config = loadConfig({ MEMORIA_DATA_DIR: tempDir("memoria-restart-") });
    expect(config.chromaUrl).toBeUndefined();
    const ctx = { configurable: { thread_id: "run-1" }, context: { userId: "rui", tier: "A" as const } };

    const first = await createMemoria({ config, chatModel: scriptedMemoryModel(rules), embedder: new HashEmbeddings() });
    expect(first.stores.server).toBeDefined();
    await first.graph.invoke({ messages: [{ role: "user", content: "I'm training for the Lisbon marathon." }] }, ctx);
    await first.close();
    await expect(fetch(`${first.stores.chromaUrl}/api/v2/heartbeat`)).rejects.toThrow();

    const model = scriptedMemoryModel(rules);
    const second = await createMemoria({ config, chatModel: model, embedder: new HashEmbeddings() });
    try {
      const resumed = await second.graph.invoke(
        { messages: [{ role: "user", content: "How should I train for the marathon this week?" }] },
        ctx,
      );
      expect(resumed.messages).toHaveLength(4);
      expect(lastReplyMessages(model).map(messageText)).toContain("I'm training for the Lisbon marathon.");
      await second.graph.invoke(
        { messages: [{ role: "user", content: "Remind me what race I am training for, the marathon?" }] },
        { configurable: { thread_id: "run-2" }, context: { userId: "rui", tier: "A" } },
      );
      expect(lastReplySystemPrompt(model)).toContain("User is training for the Lisbon marathon");
    } finally {
      await second.close();
    }
  });
});
