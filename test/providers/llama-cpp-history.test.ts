import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { toChatHistory } from "../../src/providers/llama-cpp-history.js";

describe("toChatHistory", () => {
  it("maps system, human, ai and tool messages and leaves the model to speak next", () => {
    const history = toChatHistory([
      new SystemMessage("sys"),
      new HumanMessage({ content: [{ type: "text", text: "hi" }] }),
      new AIMessage("hello"),
      new ToolMessage({ content: "42", tool_call_id: "t1" }),
    ]);
    expect(history).toEqual([
      { type: "system", text: "sys" },
      { type: "user", text: "hi" },
      { type: "model", response: ["hello"] },
      { type: "user", text: "42" },
      { type: "model", response: [] },
    ]);
  });

  it("continues a trailing AI message instead of opening a new turn", () => {
    expect(toChatHistory([new HumanMessage("q"), new AIMessage("The answer is")]).at(-1)).toEqual({
      type: "model",
      response: ["The answer is"],
    });
  });

  it("returns a fresh array on every call", () => {
    const messages = [new HumanMessage("q")];
    expect(toChatHistory(messages)).not.toBe(toChatHistory(messages));
  });
});
