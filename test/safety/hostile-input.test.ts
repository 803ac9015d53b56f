import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { countTokens, messageText } from "../../src/memory/token-counter.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testConfig } from "../helpers/stores.js";

const HUGE_REPLY = "z".repeat(1_000_000);

const model = new ScriptedChatModel({
  reply: (messages) => (messageText(messages.at(-1)!).startsWith("flood") ? HUGE_REPLY : "fine"),
  structured: (tool) => (tool === "extract_memories" ? { memories: [] } : { entities: [] }),
});

let app: Memoria;
beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings() });
});
afterAll(() => app?.close());

const timed = async <T>(fn: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> => {
  const start = performance.now();
  const [result] = await Promise.allSettled([fn()]);
  return { ms: performance.now() - start, result: result! };
};

describe("hostile input does not stall the process", () => {
  it("counts tokens of long runs without spaces in linear time", () => {
    countTokens("warm up the encoder");
    const start = performance.now();
    for (const text of ["a".repeat(32_000), "é".repeat(200_000), " ".repeat(200_000), "!".repeat(200_000), HUGE_REPLY]) {
      expect(countTokens(text)).toBeGreaterThan(0);
    }
    expect(performance.now() - start).toBeLessThan(5_000);
    expect(countTokens("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it("another user's turn finishes on time while a 32k-letter message is processed", async () => {
    const hostile = timed(() =>
      app.graph.invoke(
        { messages: [{ role: "user", content: "q".repeat(32_000) }] },
        { configurable: { thread_id: "evil-1" }, context: { userId: "evil", tier: "C" } },
      ),
    );
    const other = timed(() =>
      app.graph.invoke(
        { messages: [{ role: "user", content: "hello there" }] },
        { configurable: { thread_id: "good-1" }, context: { userId: "good", tier: "A" } },
      ),
    );
    const [h, o] = await Promise.all([hostile, other]);
    expect(o.result.status).toBe("fulfilled");
    expect(o.ms).toBeLessThan(5_000);
    expect(h.ms).toBeLessThan(5_000);
  });

  it("refuses an oversized message by its length before counting tokens", async () => {
    const { ms, result } = await timed(() =>
      app.graph.invoke(
        { messages: [{ role: "user", content: "q".repeat(2_000_000) }] },
        { configurable: { thread_id: "evil-2" }, context: { userId: "evil", tier: "A" } },
      ),
    );
    expect(result.status).toBe("rejected");
    const reason = (result as PromiseRejectedResult).reason as Error;
    expect(reason).toBeInstanceOf(InvalidInputError);
    expect(reason.message).toMatch(/2000000 characters, over the limit of 100000/);
    expect(ms).toBeLessThan(3_000);
  });

  it("a 1 MB model reply without spaces does not hang later turns on the thread", async () => {
    const config = { configurable: { thread_id: "evil-3" }, context: { userId: "evil", tier: "C" as const } };
    await app.graph.invoke({ messages: [{ role: "user", content: "flood me" }] }, config);
    const { ms, result } = await timed(() => app.graph.invoke({ messages: [{ role: "user", content: "and now?" }] }, config));
    expect(result.status).toBe("fulfilled");
    expect(ms).toBeLessThan(5_000);
  });
});
