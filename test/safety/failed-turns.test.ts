import type { BaseMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { InvalidInputError, StorageError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import { messageText } from "../../src/memory/token-counter.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { ChromaProxy } from "../helpers/chroma-proxy.js";
import { testConfig } from "../helpers/stores.js";

const summarized: string[] = [];
const model = new ScriptedChatModel({
  reply: (messages) => {
    const text = messageText(messages.at(-1)!);
    if (text.includes("BOOM")) throw new Error("model exploded");
    return `Reply to: ${text.slice(0, 20)}`;
  },
  structured: (tool) => (tool === "extract_memories" ? { memories: [] } : { entities: [] }),
});
let proxy: ChromaProxy;
let app: Memoria;

beforeAll(async () => {
  proxy = new ChromaProxy(new URL(inject("chromaUrl")));
  const port = await proxy.up();
  const config = testConfig({ CHROMA_URL: `http://127.0.0.1:${port}` });
  app = await createMemoria({
    config,
    chatModel: model,
    embedder: new HashEmbeddings(),
    summarizer: async ({ previousSummary, messages }) => {
      summarized.push(...messages.map((m: BaseMessage) => messageText(m)));
      return `${previousSummary} +${messages.length}`.trim();
    },
    logger: { warn: () => {}, info: () => {} },
  });
});
afterAll(async () => {
  await app?.close();
});

const run = (thread: string, content: unknown, tier: Tier = "C", extra: Record<string, unknown> = {}) =>
  app.graph.invoke({ messages: [{ role: "user", content }] } as never, {
    configurable: { thread_id: thread },
    context: { userId: "ft-user", tier, ...extra },
  });
const ids = async (thread: string) =>
  ((await app.graph.getState({ configurable: { thread_id: thread } })).values.messages ?? []).map((m: BaseMessage) => m.id);

describe("a rejected or failed turn leaves the thread as it was", () => {
  it("content that is not text gives a named InvalidInputError and changes nothing", async () => {
    await run("ft-1", "Hello there");
    const before = await ids("ft-1");
    for (const content of [{ text: "hi" }, 42, [{ type: "image_url", image_url: "x" }], [{ type: "text", text: 5 }]]) {
      const failure = await run("ft-1", content).catch((e: unknown) => e);
      expect(failure, JSON.stringify(content)).toBeInstanceOf(InvalidInputError);
      expect((failure as Error).message).toMatch(/Message 1: content/);
    }
    expect(await ids("ft-1")).toEqual(before);
    const ok = await run("ft-1", [{ type: "text", text: "Text parts are fine" }]);
    expect(ok.messages).toHaveLength(4);
  });

  it("a model error leaves no unanswered user message, however often it happens", async () => {
    await run("ft-2", "First question");
    const before = await ids("ft-2");
    for (let i = 0; i < 3; i++) await expect(run("ft-2", `BOOM ${i}`)).rejects.toThrow(/model exploded/);
    expect(await ids("ft-2")).toEqual(before);
    const next = await run("ft-2", "Second question");
    expect(next.messages.map((m: BaseMessage) => messageText(m))).toEqual([
      "First question",
      "Reply to: First question",
      "Second question",
      "Reply to: Second question",
    ]);
  });

  it("a message over the length limit is rejected, not kept, and never reaches the summarizer", async () => {
    const limits = { maxMessageTokens: 64, summaryThresholdMessages: 4, keepLastMessages: 2 };
    const long = `LONGMSG ${"word ".repeat(500)}`;
    await run("ft-3", "Opening message", "C", limits);
    const before = await ids("ft-3");
    await expect(run("ft-3", long, "C", limits)).rejects.toThrow(InvalidInputError);
    expect(await ids("ft-3")).toEqual(before);
    for (const text of ["two", "three", "four", "five"]) await run("ft-3", text, "C", limits);
    expect(summarized.length).toBeGreaterThan(0);
    expect(summarized.some((t) => t.includes("LONGMSG"))).toBe(false);
  });

  it("a Chroma outage fails the turn and leaves the thread unchanged; turns work again once Chroma is back", async () => {
    await run("ft-4", "Before the outage", "A");
    const before = await ids("ft-4");
    await proxy.down();
    try {
      for (let i = 0; i < 2; i++) await expect(run("ft-4", `During the outage ${i}`, "A")).rejects.toThrow(StorageError);
      expect(await ids("ft-4")).toEqual(before);
    } finally {
      await proxy.up();
    }
    const after = await run("ft-4", "After the outage", "A");
    expect(after.messages.map((m: BaseMessage) => messageText(m))).toEqual([
      "Before the outage",
      "Reply to: Before the outage",
      "After the outage",
      "Reply to: After the outage",
    ]);
  });
});
