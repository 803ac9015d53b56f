import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { historyWithinBudget, latestHumanMessage, MIN_SUMMARY_TOKENS, summaryCut, trimHistory } from "../../src/graph/message-window.js";
import { countMessageTokens, countTokens } from "../../src/memory/token-counter.js";

const turn = (i: number): BaseMessage[] => [
  new HumanMessage({ content: `question ${i}`, id: `h${i}` }),
  new AIMessage({ content: `answer ${i}`, id: `a${i}` }),
];
const toolTurn = (i: number): BaseMessage[] => [
  new HumanMessage({ content: `look up ${i}`, id: `h${i}` }),
  new AIMessage({ content: "", id: `a${i}`, tool_calls: [{ id: `c${i}`, name: "lookup", args: {} }] }),
  new ToolMessage({ content: "result", tool_call_id: `c${i}`, id: `t${i}` }),
  new AIMessage({ content: `found ${i}`, id: `f${i}` }),
];

describe("summaryCut", () => {
  it("keeps at least the last N messages and starts the kept window on a human turn", () => {
    const messages = [...turn(1), ...turn(2), ...turn(3), ...turn(4)];
    expect(summaryCut(messages, 4)).toBe(4);
    expect(summaryCut(messages, 3)).toBe(4);
    expect(messages[summaryCut(messages, 3)]!.id).toBe("h3");
  });

  it("never separates a tool result from its call", () => {
    const messages = [...turn(1), ...toolTurn(2), ...turn(3)];
    const cut = summaryCut(messages, 4);
    expect(messages[cut]!.id).toBe("h2");
    const kept = messages.slice(cut);
    expect(kept.some((m) => m.id === "t2")).toBe(kept.some((m) => m.id === "a2"));
  });

  it("returns 0 when there is nothing old enough to fold", () => {
    expect(summaryCut(turn(1), 6)).toBe(0);
  });
});

describe("trimHistory", () => {
  it("keeps the newest messages within the budget, starting on a human message", () => {
    const messages = [...turn(1), ...turn(2), ...turn(3)];
    const kept = trimHistory(messages, 20);
    expect(kept.at(-1)!.id).toBe("a3");
    expect(kept[0]!.getType()).toBe("human");
    expect(kept.length).toBeLessThan(messages.length);
  });

  it("always keeps the latest message even when it alone exceeds the budget", () => {
    const big = new HumanMessage({ content: "word ".repeat(500), id: "big" });
    expect(trimHistory([...turn(1), big], 10).map((m) => m.id)).toEqual(["big"]);
  });

  it("drops an orphaned tool result at the start of the window", () => {
    const messages = [...toolTurn(1), ...turn(2)];
    const kept = trimHistory(messages, 25);
    expect(kept[0]!.getType()).toBe("human");
  });
});

describe("latestHumanMessage", () => {
  it("is the last message only when it is a human message", () => {
    expect(latestHumanMessage(turn(1))).toBeUndefined();
    expect(latestHumanMessage([...turn(1), new HumanMessage("hi")])?.content).toBe("hi");
  });
});

describe("historyWithinBudget", () => {
  const summary = Array.from({ length: 40 }, (_, i) => `- User said: line ${i} of the running summary`).join("\n");

  it("gives the summary only what the newest messages leave of the budget, keeping its newest part", () => {
    const messages = [...turn(1), ...turn(2), ...turn(3)];
    const shown = historyWithinBudget(messages, summary, 80);
    expect(shown.history).toEqual(messages);
    const used = countMessageTokens(shown.history) + countTokens(shown.summary);
    expect(used).toBeLessThanOrEqual(80);
    expect(shown.summary.endsWith("line 39 of the running summary")).toBe(true);
    expect(historyWithinBudget(messages, summary, 10_000).summary).toBe(summary);
  });

  it("shows no summary when the messages fill the budget, and always the latest message", () => {
    const messages = [...turn(1), ...turn(2), new HumanMessage({ content: "word ".repeat(200), id: "h3" })];
    const shown = historyWithinBudget(messages, summary, 50);
    expect(shown.history.map((m) => m.id)).toEqual(["h3"]);
    expect(shown.summary).toBe("");
    const tight = historyWithinBudget(turn(1), summary, countMessageTokens(turn(1)) + MIN_SUMMARY_TOKENS - 1);
    expect(tight.summary).toBe("");
  });
});
