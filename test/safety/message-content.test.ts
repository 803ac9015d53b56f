import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/errors.js";
import { checkTurnInput } from "../../src/graph/turn-input.js";
import { messageText } from "../../src/memory/token-counter.js";
import { createRespondNode } from "../../src/nodes/respond.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";

describe("message content must be text or text parts", () => {
  it("accepts text, text parts, message objects, tuples and LangChain messages", () => {
    const ok = [
      { messages: [{ role: "user", content: "hi" }] },
      { messages: [{ role: "user", content: [{ type: "text", text: "hi" }, "there"] }] },
      { messages: ["hi", ["user", "hello"], new HumanMessage("x"), new AIMessage("y")] },
      { messages: { role: "user", content: "single" } },
      null,
    ];
    for (const input of ok) expect(() => checkTurnInput(input), JSON.stringify(input)).not.toThrow();
  });

  it("names the message and the problem for anything else", () => {
    const bad: [unknown, RegExp][] = [
      [{ messages: [{ role: "user", content: { text: "hi" } }] }, /Message 1: content must be text .* not an object/],
      [
        {
          messages: [
            { role: "user", content: "ok" },
            { role: "user", content: 7 },
          ],
        },
        /Message 2: content must be text .* not number/,
      ],
      [
        { messages: [{ role: "user", content: [{ type: "image_url", image_url: "x" }] }] },
        /content part 1 must be a text part .* not a "image_url" part/,
      ],
      [{ messages: [{ role: "user", content: ["a", null] }] }, /content part 2 .* not null/],
      [{ messages: [42] }, /Message 1 must be a message/],
    ];
    for (const [input, message] of bad) {
      const error = (() => {
        try {
          checkTurnInput(input);
        } catch (e) {
          return e;
        }
      })();
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("a message with object content that reaches a node gives InvalidInputError, not a TypeError", async () => {
    const human = new HumanMessage({ content: { text: "hi" } as never, id: "h1" });
    expect(() => messageText(human)).toThrow(InvalidInputError);
    const respond = createRespondNode({ chatModel: new ScriptedChatModel() });
    const state = { messages: [human], summary: "", memories: [], entities: [], userProfile: "" };
    await expect(respond(state, { context: { userId: "u", tier: "F" } })).rejects.toThrow(InvalidInputError);
  });
});
