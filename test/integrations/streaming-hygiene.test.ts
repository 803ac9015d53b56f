import type { AIMessageChunk } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { messageText } from "../../src/memory/token-counter.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([
  { when: "vegetarian", memories: [{ content: "User is vegetarian", type: "preference", category: "food", importance: 0.9 }] },
  { when: "Maya", entities: [{ name: "Maya", kind: "person", attributes: { relation: "sister" } }] },
]);
let app: Memoria;

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, checkpointer: undefined });
});
afterAll(() => app?.close());

async function streamTurn(text: string) {
  const chunks: { node: string; text: string; toolCalls: number }[] = [];
  const stream = await app.graph.stream(
    { messages: [{ role: "user", content: text }] },
    {
      streamMode: "messages",
      configurable: { thread_id: "stream-1" },
      context: { userId: "streamer", tier: "A", summaryThresholdMessages: 4, keepLastMessages: 2 },
    },
  );
  for await (const [message, metadata] of stream) {
    const chunk = message as AIMessageChunk;
    chunks.push({
      node: String((metadata as Record<string, unknown>).langgraph_node),
      text: messageText(chunk),
      toolCalls: chunk.tool_call_chunks?.length ?? chunk.tool_calls?.length ?? 0,
    });
  }
  return chunks;
}

describe("streamMode messages carries only the reply", () => {
  it("streams the reply token by token and never the extraction, entity or summary calls", async () => {
    const turns = ["I'm vegetarian these days.", "My sister Maya visits on Sunday.", "Any idea for a dinner with her?"];
    const all: Awaited<ReturnType<typeof streamTurn>>[] = [];
    for (const text of turns) all.push(await streamTurn(text));
    for (const [i, chunks] of all.entries()) {
      expect(chunks.length).toBeGreaterThan(2);
      expect(new Set(chunks.map((c) => c.node))).toEqual(new Set(["respond"]));
      expect(chunks.every((c) => c.toolCalls === 0 && !c.text.includes("{"))).toBe(true);
      expect(chunks.map((c) => c.text).join("")).toBe(`Noted: ${turns[i]!.slice(0, 40)}`);
    }
    const state = await app.graph.getState({ configurable: { thread_id: "stream-1" } });
    expect(state.values.summary).toMatch(/Noted/);
    expect((await app.api.list({ userId: "streamer" })).items.map((m) => m.content)).toContain("User is vegetarian");
    expect(model.log.calls.filter((c) => c.tool === "extract_memories").length).toBeGreaterThanOrEqual(3);
  });
});
