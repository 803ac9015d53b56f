import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { ExtractionInput } from "../../../src/memory/extraction/extractor-types.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testStores } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const seen: ExtractionInput[] = [];

beforeAll(async () => {
  stores = await testStores();
  api = new MemoryApi({
    memory: stores.memory,
    entities: stores.entities,
    ledger: stores.ledger,
    factExtractor: async (input) => {
      seen.push(input);
      return [{ content: `User said: ${input.userMessage}`, type: "fact", category: "other", importance: 0.5 }];
    },
  });
});
afterAll(() => stores?.close());

const contents = async (userId: string) => (await api.list({ userId })).items.map((m) => m.content);

describe("api.add accepts the message shapes a graph run accepts", () => {
  it("stores the text parts of a message, joined, and leaves images out", async () => {
    const content = [
      { type: "text", text: "I live in Paris." },
      { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
      { type: "text", text: " I cycle to work." },
    ];
    await api.add([{ role: "user", content }], { userId: "parts", infer: false });
    expect(await contents("parts")).toEqual(["I live in Paris. I cycle to work."]);
  });

  it("takes LangChain messages, { type } and { role } objects and [role, content] pairs, user and assistant apart", async () => {
    const inputs: [string, Parameters<MemoryApi["add"]>[0]][] = [
      ["lc", [new SystemMessage("be brief"), new HumanMessage("I play tennis"), new AIMessage("Nice!")]],
      ["lc-one", new HumanMessage("I play tennis")],
      [
        "typed",
        [
          { type: "human", content: "I play tennis" },
          { type: "ai", content: "Nice!" },
        ],
      ],
      [
        "roles",
        [
          { role: "human", content: [{ type: "text", text: "I play tennis" }] },
          { role: "assistant", content: "Nice!" },
        ],
      ],
      [
        "pairs",
        [
          ["user", "I play tennis"],
          ["ai", "Nice!"],
        ],
      ],
    ];
    for (const [userId, input] of inputs) {
      seen.length = 0;
      const outcomes = await api.add(input, { userId });
      expect(
        outcomes.map((o) => o.action),
        userId,
      ).toEqual(["ADD"]);
      expect(
        seen.map((s) => [s.userMessage, s.assistantMessage]),
        userId,
      ).toEqual([["I play tennis", userId === "lc-one" ? undefined : "Nice!"]]);
      expect(await contents(userId)).toEqual(["User said: I play tennis"]);
    }
  });

  it("refuses what is not a message with InvalidInputError naming it, and stores nothing", async () => {
    const bad: [unknown, RegExp][] = [
      [
        [
          { role: "user", content: "ok" },
          { role: "bob", content: "hi" },
        ],
        /message 2 must be a chat message/,
      ],
      [[{ role: "user", content: { text: "hi" } }], /content must be text or a list of content parts, not object/],
      [[{ role: "user", content: ["hi", null] }], /content part 2 must be text or a typed part/],
      [[new AIMessage("only the assistant spoke")], /at least one user message/],
    ];
    for (const [input, message] of bad) {
      const run = api.add(input as never, { userId: "bad-input", infer: false });
      await expect(run, JSON.stringify(input)).rejects.toBeInstanceOf(InvalidInputError);
      await expect(api.add(input as never, { userId: "bad-input", infer: false })).rejects.toThrow(message);
    }
    expect(await contents("bad-input")).toEqual([]);
  });
});
