import { AIMessage, HumanMessage, RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { MemoriaStateType } from "../../src/graph/state.js";
import { countTokens } from "../../src/memory/token-counter.js";
import { createSummarizeIfLongNode } from "../../src/nodes/summarize-if-long.js";

const conversation = (turns: number): BaseMessage[] =>
  Array.from({ length: turns }, (_, i) => [
    new HumanMessage({ content: `q${i}`, id: `h${i}` }),
    new AIMessage({ content: `a${i}`, id: `a${i}` }),
  ]).flat();

const stateOf = (messages: BaseMessage[], summary = "old summary"): MemoriaStateType => ({
  messages,
  summary,
  memories: [],
  entities: [],
  userProfile: "",
});

describe("summarize-if-long node", () => {
  it("does nothing under the thresholds", async () => {
    const node = createSummarizeIfLongNode({ summarizer: async () => "never" });
    expect(await node(stateOf(conversation(3)), { context: { userId: "u", summaryThresholdMessages: 10 } })).toEqual({});
  });

  it("folds older messages into the summary and removes them, keeping the last turns", async () => {
    const seen: { previous: string; ids: (string | undefined)[] }[] = [];
    const node = createSummarizeIfLongNode({
      summarizer: async ({ previousSummary, messages }) => {
        seen.push({ previous: previousSummary, ids: messages.map((m) => m.id) });
        return "new summary";
      },
    });
    const update = await node(stateOf(conversation(6)), { context: { userId: "u", summaryThresholdMessages: 8, keepLastMessages: 4 } });
    expect(update.summary).toBe("new summary");
    expect(seen[0]).toEqual({ previous: "old summary", ids: ["h0", "a0", "h1", "a1", "h2", "a2", "h3", "a3"] });
    const removed = (update.messages as RemoveMessage[]).map((m) => m.id);
    expect(removed).toEqual(["h0", "a0", "h1", "a1", "h2", "a2", "h3", "a3"]);
  });

  it("caps the summary at maxSummaryTokens whatever the summarizer returns, keeping its newest part", async () => {
    const node = createSummarizeIfLongNode({ summarizer: async () => `${"old detail ".repeat(2_000)}NEWEST FACT` });
    const update = await node(stateOf(conversation(6)), {
      context: { userId: "u", summaryThresholdMessages: 8, keepLastMessages: 4, maxSummaryTokens: 100 },
    });
    expect(countTokens(update.summary!)).toBeLessThanOrEqual(100);
    expect(update.summary).toMatch(/NEWEST FACT$/);
  });

  it("rejects a summary cap below 32 tokens as an invalid context", async () => {
    const node = createSummarizeIfLongNode({ summarizer: async () => "s" });
    await expect(node(stateOf(conversation(6)), { context: { userId: "u", maxSummaryTokens: 5 } })).rejects.toThrow(/maxSummaryTokens/);
  });

  it("triggers on tokens too", async () => {
    const long = conversation(3).map((m, i) => (i === 0 ? new HumanMessage({ content: "word ".repeat(400), id: "big" }) : m));
    const node = createSummarizeIfLongNode({ summarizer: async () => "s" });
    const update = await node(stateOf(long), { context: { userId: "u", summaryThresholdTokens: 256, keepLastMessages: 2 } });
    expect((update.messages as RemoveMessage[]).map((m) => m.id)).toContain("big");
  });

  it("keeps everything and logs when the summarizer fails", async () => {
    const warnings: string[] = [];
    const node = createSummarizeIfLongNode({
      summarizer: async () => {
        throw new Error("model down");
      },
      logger: { warn: (m) => warnings.push(m), info: () => {} },
    });
    expect(await node(stateOf(conversation(6)), { context: { userId: "u", summaryThresholdMessages: 4 } })).toEqual({});
    expect(warnings[0]).toMatch(/model down/);
  });
});
