import { HumanMessage, isHumanMessage, type BaseMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { messageText } from "../../src/memory/token-counter.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

let app: Memoria;
beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: scriptedMemoryModel([]), embedder: new HashEmbeddings() });
});
afterAll(() => app?.close());

describe("one turn at a time per thread", () => {
  it("10 concurrent turns on one thread keep all 10 exchanges", async () => {
    const config = { configurable: { thread_id: "busy" }, context: { userId: "u", tier: "A" as const, summaryThresholdMessages: 100 } };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => app.graph.invoke({ messages: [new HumanMessage(`message number ${i}`)] }, config)),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const state = await app.graph.getState(config);
    const messages = state.values.messages as BaseMessage[];
    expect(messages).toHaveLength(20);
    const asked = messages.filter((m) => isHumanMessage(m)).map((m) => messageText(m));
    expect(asked.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `message number ${i}`).sort());
    messages.forEach((m, i) => expect(isHumanMessage(m)).toBe(i % 2 === 0));
  });

  it("a failed turn hands the thread to the next one, and other threads are not held up", async () => {
    const config = { configurable: { thread_id: "after-error" }, context: { userId: "u", tier: "C" as const } };
    const bad = app.graph.invoke({ messages: [new HumanMessage("   ")] }, config);
    const good = app.graph.invoke({ messages: [new HumanMessage("hello")] }, config);
    const elsewhere = app.graph.invoke({ messages: [new HumanMessage("hi")] }, { ...config, configurable: { thread_id: "other" } });
    await expect(bad).rejects.toThrow(/empty/);
    await expect(good).resolves.toBeDefined();
    await expect(elsewhere).resolves.toBeDefined();
    const streamed: unknown[] = [];
    for await (const chunk of await app.graph.stream({ messages: [new HumanMessage("again")] }, { ...config, streamMode: "updates" }))
      streamed.push(chunk);
    expect(streamed.length).toBeGreaterThan(0);
  });
});
