import { describe, expect, it } from "vitest";
import { QueueFullError } from "../../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../../src/providers/scripted-chat-model.js";
import { testConfig } from "../../helpers/stores.js";

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

const fact = (text: string) => [{ content: `User said ${text}`, type: "fact" as const, category: "other" as const, importance: 0.5 }];

const turn = (app: Memoria, userId: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: `${userId}-t` }, context: { userId, tier: "A" } },
  );

describe("background queue backpressure", () => {
  it("past the per-user bound a turn waits for room, and fails with QueueFullError when none frees up in time", async () => {
    const release = gate();
    const started: string[] = [];
    const app = await createMemoria({
      config: testConfig({ MEMORIA_QUEUE_MAX_PER_USER: "3", MEMORIA_QUEUE_WAIT_MS: "400" }),
      chatModel: new ScriptedChatModel({ reply: () => "ok" }),
      embedder: new HashEmbeddings(),
      extraction: "background",
      factExtractor: async (input) => {
        started.push(input.userMessage);
        await release.opened;
        return fact(input.userMessage);
      },
      entityExtractor: async () => [],
    });
    try {
      await turn(app, "busy", "first");
      while (started.length === 0) await new Promise((r) => setTimeout(r, 20));
      await expect(turn(app, "busy", "second")).rejects.toBeInstanceOf(QueueFullError);
      expect(await app.pendingExtractions("busy")).toBeLessThanOrEqual(3);
      await turn(app, "idle", "elsewhere");

      const t0 = performance.now();
      const third = turn(app, "busy", "third");
      setTimeout(release.open, 200);
      await third;
      expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
      await app.background.drain();
      const stored = (await app.stores.memory.list("busy")).map((m) => m.content).sort();
      expect(stored).toEqual(["User said first", "User said third"]);
      expect(await app.pendingExtractions()).toBe(0);
    } finally {
      release.open();
      await app.close();
    }
  }, 60_000);

  it("with a model that answers at once, the queue stays within its bound, timers keep running, and close() works under load", async () => {
    const app = await createMemoria({
      config: testConfig({ MEMORIA_QUEUE_MAX_PER_USER: "4", MEMORIA_QUEUE_WAIT_MS: "20000" }),
      chatModel: new ScriptedChatModel({ reply: () => "ok" }),
      embedder: new HashEmbeddings(),
      extraction: "background",
      factExtractor: async (input) => fact(input.userMessage),
      entityExtractor: async () => [],
    });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    let peak = 0;
    try {
      for (let i = 0; i < 20; i++) {
        await turn(app, "fast", `message ${i}`);
        peak = Math.max(peak, await app.pendingExtractions("fast"));
      }
      expect(peak).toBeLessThanOrEqual(4);
      expect(ticks).toBeGreaterThan(0);
      expect((await app.stores.memory.list("fast")).length).toBeGreaterThan(0);

      let stop = false;
      const load = (async () => {
        for (let i = 0; !stop; i++) await turn(app, "fast", `more ${i}`).catch(() => (stop = true));
      })();
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      await app.close();
      expect(performance.now() - t0).toBeLessThan(5_000);
      stop = true;
      await load;
    } finally {
      clearInterval(ticker);
      await app.close();
    }
  }, 60_000);
});
