import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidContextError, InvalidInputError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testConfig } from "../helpers/stores.js";

const open = (env: Record<string, string> = {}) =>
  createMemoria({
    config: testConfig(env),
    chatModel: new ScriptedChatModel({
      reply: () => "fine",
      structured: (tool) => (tool === "extract_memories" ? { memories: [] } : { entities: [] }),
    }),
    embedder: new HashEmbeddings(),
    logger: { warn: () => {}, info: () => {} },
  });

let standard: Memoria;
let strict: Memoria;
beforeAll(async () => {
  [standard, strict] = await Promise.all([open(), open({ MEMORIA_MAX_MESSAGE_CHARS: "1000", MEMORIA_MAX_MESSAGE_TOKENS: "100" })]);
});
afterAll(() => Promise.all([standard?.close(), strict?.close()]));

const turn = (app: Memoria, thread: string, content: string, limits: Record<string, number> = {}) =>
  app.graph.invoke(
    { messages: [{ role: "user", content }] },
    { configurable: { thread_id: thread }, context: { userId: "ana", tier: "C", ...limits } },
  );

const messagesOf = async (app: Memoria, thread: string) =>
  ((await app.graph.getState({ configurable: { thread_id: thread } })).values.messages ?? []).length;

describe("message limits: a run may lower the deployment's maximum, never raise it", () => {
  it("refuses a run context asking for more characters or tokens than the deployment allows, before anything runs", async () => {
    const chars = await turn(standard, "raise-chars", "hello", { maxMessageChars: 4_000_000 }).catch((e: unknown) => e);
    expect(chars).toBeInstanceOf(InvalidContextError);
    expect((chars as Error).message).toMatch(
      /maxMessageChars 4000000 is over this deployment's maximum of 100000 \(MEMORIA_MAX_MESSAGE_CHARS\)/,
    );
    const tokens = await turn(standard, "raise-tokens", "hello", { maxMessageTokens: 1_000_000 }).catch((e: unknown) => e);
    expect(tokens).toBeInstanceOf(InvalidContextError);
    expect((tokens as Error).message).toMatch(
      /maxMessageTokens 1000000 is over this deployment's maximum of 16000 \(MEMORIA_MAX_MESSAGE_TOKENS\)/,
    );
    expect(await messagesOf(standard, "raise-chars")).toBe(0);
    expect(await messagesOf(standard, "raise-tokens")).toBe(0);
  });

  it("applies a lower limit from the run context, and the configured maximum when the context names none", async () => {
    await expect(turn(standard, "lower", "x".repeat(60), { maxMessageChars: 50 })).rejects.toThrow(/60 characters, over the limit of 50/);
    expect((await turn(standard, "lower-ok", "x".repeat(60), { maxMessageChars: 100 })).messages).toHaveLength(2);

    const long = await turn(strict, "configured", "word ".repeat(300)).catch((e: unknown) => e);
    expect(long).toBeInstanceOf(InvalidInputError);
    expect((long as Error).message).toMatch(/1500 characters, over the limit of 1000/);
    await expect(turn(strict, "configured-tokens", "word ".repeat(150))).rejects.toThrow(/tokens, over the limit of 100/);
    await expect(turn(strict, "configured-raise", "hi", { maxMessageChars: 5_000 })).rejects.toThrow(InvalidContextError);
    expect((await turn(strict, "configured-ok", "hi", { maxMessageTokens: 50 })).messages).toHaveLength(2);
  });
});
