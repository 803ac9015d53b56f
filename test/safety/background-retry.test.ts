import { describe, expect, it } from "vitest";
import { StorageError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import type { NewMemory } from "../../src/memory/types.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testConfig } from "../helpers/stores.js";

const model = new ScriptedChatModel({ reply: () => "ok" });

async function backgroundApp(failures: () => boolean, extraction: "inline" | "background" = "background") {
  const app = await createMemoria({
    config: testConfig(),
    chatModel: model,
    embedder: new HashEmbeddings(),
    extraction,
    factExtractor: async (input) => [{ content: `User said ${input.userMessage}`, type: "fact", category: "other", importance: 0.5 }],
    entityExtractor: async () => [],
  });
  const writes: string[] = [];
  const write = app.stores.memory.write.bind(app.stores.memory);
  app.stores.memory.write = async (userId: string, memories: NewMemory[], ...rest) => {
    if (failures()) throw new StorageError("Chroma add failed: connection reset (injected)");
    writes.push(memories.map((m) => m.content).join());
    return write(userId, memories, ...rest);
  };
  return { app, writes };
}

const turn = (app: Memoria, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: "bg-retry" }, context: { userId: "r", tier: "A" } },
  );

describe("background jobs retry transient failures in the running process", () => {
  it("a single Chroma error delays the job instead of parking it, and the user's later job waits for it", async () => {
    let calls = 0;
    const { app, writes } = await backgroundApp(() => ++calls === 1);
    try {
      await turn(app, "first");
      await turn(app, "second");
      await app.background.drain();
      expect(writes).toEqual(["User said first", "User said second"]);
      expect((await app.stores.memory.list("r")).map((m) => m.content).sort()).toEqual(["User said first", "User said second"]);
      expect(await app.stores.ledger.queue.pending()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("on close, a job still failing stays queued for the next start with the user's later jobs behind it, and close does not wait out the backoff", async () => {
    const { app, writes } = await backgroundApp(() => true);
    await turn(app, "stuck");
    await new Promise((r) => setTimeout(r, 300));
    const start = performance.now();
    const queue = app.stores.ledger.queue;
    await app.background.close();
    expect(performance.now() - start).toBeLessThan(3_000);
    expect((await queue.pending()).map((j) => [j.userId, (j.payload as { kind: string }).kind])).toEqual([
      ["r", "facts"],
      ["r", "entities"],
    ]);
    expect(writes).toEqual([]);
    await app.close();
  });

  it("inline extraction that hits a Chroma error queues the fact for retry instead of dropping it", async () => {
    let calls = 0;
    const { app, writes } = await backgroundApp(() => ++calls === 1, "inline");
    try {
      await turn(app, "remember this");
      await app.background.drain();
      expect(calls).toBe(2);
      expect(writes).toEqual(["User said remember this"]);
      expect((await app.stores.memory.list("r")).map((m) => m.content)).toEqual(["User said remember this"]);
      expect(await app.stores.ledger.queue.pending()).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("inline, an episode that hits a Chroma error goes to the same retry queue as facts instead of being dropped", async () => {
    const { app } = await backgroundApp(() => false, "inline");
    const storeEpisode = app.stores.memory.storeEpisode.bind(app.stores.memory);
    let calls = 0;
    app.stores.memory.storeEpisode = async (...args) => {
      if (++calls === 1) throw new StorageError("Chroma add failed: connection reset (injected)");
      return storeEpisode(...args);
    };
    try {
      await turn(app, "keep this exchange");
      await app.background.drain();
      expect(calls).toBe(2);
      const episodes = await app.stores.memory.all({ userId: "r", kind: "episode" });
      expect(episodes.map((e) => e.content.split("\n")[0])).toEqual(["user: keep this exchange"]);
      expect(await app.pendingExtractions()).toBe(0);
    } finally {
      await app.close();
    }
  });
});
