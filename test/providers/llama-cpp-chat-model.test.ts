import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ModelOutputError } from "../../src/config/errors.js";
import { ChatLlamaCpp } from "../../src/providers/llama-cpp-chat-model.js";
import { LlamaCppRuntime } from "../../src/providers/llama-cpp-runtime.js";

const MODEL_PATH = fileURLToPath(new URL("../../../shared/models/llama-2-tiny-random.gguf", import.meta.url));
const hasModel = existsSync(MODEL_PATH);
if (!hasModel) console.warn(`[llama-cpp-chat-model.test] ${MODEL_PATH} is absent: skipping the local GGUF provider tests.`);

const messages = [new SystemMessage("You are terse."), new HumanMessage("Say hello.")];

describe.runIf(hasModel)("ChatLlamaCpp (random-weight test model: plumbing only)", () => {
  const model = new ChatLlamaCpp({ modelPath: MODEL_PATH, threads: 1, contextSize: 512, maxTokens: 16, seed: 7 });

  beforeAll(async () => {
    await model.load();
  });

  afterAll(async () => {
    await model.dispose();
  });

  it("invokes with system, human and ai messages and returns an AIMessage with string content", async () => {
    const reply = await model.invoke([...messages, new AIMessage("Hello."), new HumanMessage("Again.")]);
    expect(AIMessage.isInstance(reply)).toBe(true);
    expect(typeof reply.content).toBe("string");
    expect((reply.content as string).length).toBeGreaterThan(0);
  });

  it("starts every call from a fresh history", async () => {
    const options = { temperature: 0, maxTokens: 8 };
    const before = await model.invoke([new HumanMessage("Tell me a secret.")], options);
    await model.invoke([new SystemMessage("Remember the word BANANA."), new HumanMessage("BANANA BANANA")], options);
    const after = await model.invoke([new HumanMessage("Tell me a secret.")], options);
    expect(after.text).toBe(before.text);
  });

  it("streams several chunks whose concatenation is the invoke text", async () => {
    const options = { temperature: 0, maxTokens: 12 };
    const chunks: string[] = [];
    for await (const chunk of await model.stream(messages, options)) chunks.push(chunk.text);
    const full = await model.invoke(messages, options);
    expect(chunks.filter((c) => c.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(chunks.join("")).toBe(full.text);
  });

  it("stops generating when the stream consumer breaks early", async () => {
    for await (const chunk of await model.stream(messages, { maxTokens: 64 })) {
      expect(typeof chunk.text).toBe("string");
      break;
    }
    const reply = await model.invoke(messages, { maxTokens: 4 });
    expect(typeof reply.content).toBe("string");
  });

  it("withStructuredOutput returns an object that validates against the zod schema", async () => {
    const schema = z.object({ name: z.string().max(12), n: z.union([z.literal(1), z.literal(2), z.literal(3)]) });
    const structured = model.withStructuredOutput(schema);
    const result = await structured.invoke(messages, { maxTokens: 64 });
    const typed: { name: string; n: 1 | 2 | 3 } = result;
    expect(schema.parse(typed)).toEqual(result);
  });

  it("withStructuredOutput reports output cut off by maxTokens as ModelOutputError with the raw text", async () => {
    const schema = z.object({ name: z.string().min(40).max(60) });
    const error = await model
      .withStructuredOutput(schema)
      .invoke(messages, { maxTokens: 3 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect(typeof (error as ModelOutputError).cause).toBe("string");
  });

  it("includeRaw returns the raw message alongside the parsed object", async () => {
    const schema = z.object({ ok: z.boolean() });
    const result = await model.withStructuredOutput(schema, { includeRaw: true }).invoke(messages);
    expect(AIMessage.isInstance(result.raw)).toBe(true);
    expect(typeof result.parsed.ok).toBe("boolean");
  });

  it("shares one load between concurrent first calls, disposes, and reloads on demand", async () => {
    const runtime = new LlamaCppRuntime({ modelPath: MODEL_PATH, threads: 1, contextSize: 256 });
    const loadOnce = vi.spyOn(runtime as unknown as { loadOnce: () => Promise<unknown> }, "loadOnce");
    await Promise.all([runtime.load(), runtime.load()]);
    expect(loadOnce).toHaveBeenCalledTimes(1);
    const first = (await loadOnce.mock.results[0]!.value) as { model: { disposed: boolean } };
    await runtime.dispose();
    expect(first.model.disposed).toBe(true);
    const { text } = await runtime.generate(
      [
        { type: "user", text: "hi" },
        { type: "model", response: [] },
      ],
      { maxTokens: 2 },
    );
    expect(typeof text).toBe("string");
    expect(loadOnce).toHaveBeenCalledTimes(2);
    await runtime.dispose();
    await runtime.dispose();
  });
});
