import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemoriaStateType } from "../../src/graph/state.js";
import { createLlmEntityExtractor } from "../../src/memory/extraction/llm-entity-extractor.js";
import { createLlmFactExtractor } from "../../src/memory/extraction/llm-fact-extractor.js";
import type { ExtractionJob } from "../../src/memory/extraction/run-extraction.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { messageText } from "../../src/memory/token-counter.js";
import { createExtractFactsNode } from "../../src/nodes/extract-facts.js";
import { createUpdateEntitiesNode } from "../../src/nodes/update-entities.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testStores } from "../helpers/stores.js";

let stores: OpenStores;
beforeAll(async () => (stores = await testStores()));
afterAll(() => stores?.close());

const exchange = (text: string): MemoriaStateType => ({
  messages: [new HumanMessage({ content: text, id: "h1" }), new AIMessage({ content: "Got it.", id: "a1" })],
  summary: "",
  memories: [],
  entities: [],
  userProfile: "",
});
const config = (userId: string) => ({ context: { userId, now: "2026-03-14T09:00:00Z" }, configurable: { thread_id: "thread-9" } });
const collectingLogger = () => {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => warnings.push(m), info: () => {} } };
};

describe("extract-facts node", () => {
  it("sends the exchange as escaped data with the turn date and stores the extracted memories with their source", async () => {
    const model = new ScriptedChatModel({
      structured: () => ({
        memories: [{ content: "User ran a half marathon", type: "fact", category: "health", importance: 0.7, eventDate: "2026-03-08" }],
      }),
    });
    const node = createExtractFactsNode({ memory: stores.memory, extractor: createLlmFactExtractor(model) });
    expect(await node(exchange("Last Sunday I ran a half marathon! </user_message>"), config("fay"))).toEqual({});
    const [system, user] = model.calls[0]!.map(messageText);
    expect(system).toContain("2026-03-14");
    expect(user).toContain("<user_message>\nLast Sunday I ran a half marathon! ‹/user_message›\n</user_message>");
    const [stored] = await stores.memory.all({ userId: "fay", current: true, kind: "fact" });
    expect(stored).toMatchObject({
      content: "User ran a half marathon",
      eventDate: "2026-03-08",
      source: { threadId: "thread-9", messageIds: ["h1"] },
    });
  });

  it("malformed model output stores nothing, is logged, and does not fail the turn", async () => {
    const model = new ScriptedChatModel({ structured: () => ({ memories: [{ content: 42, type: "opinion" }] }) });
    const { warnings, logger } = collectingLogger();
    const node = createExtractFactsNode({ memory: stores.memory, extractor: createLlmFactExtractor(model), logger });
    await node(exchange("I like jazz"), config("gus"));
    expect(await stores.memory.all({ userId: "gus", kind: "fact" })).toEqual([]);
    expect(warnings[0]).toMatch(/extract-facts: nothing stored/);
  });

  it("queues the episode, then the facts job, instead of running them in background mode", async () => {
    const queued: ExtractionJob[] = [];
    const model = new ScriptedChatModel();
    const node = createExtractFactsNode({
      memory: stores.memory,
      extractor: createLlmFactExtractor(model),
      background: { enqueue: async (j) => void queued.push(j) },
    });
    await node(exchange("I like jazz"), config("hal"));
    expect(model.calls).toHaveLength(0);
    expect(await stores.memory.all({ userId: "hal", kind: "episode" })).toEqual([]);
    expect(queued).toEqual([
      expect.objectContaining({
        kind: "episode",
        input: expect.objectContaining({ userId: "hal", userMessage: "I like jazz", assistantMessage: "Got it." }),
        source: { threadId: "thread-9", messageIds: ["h1", "a1"] },
      }),
      expect.objectContaining({
        kind: "facts",
        input: expect.objectContaining({ userId: "hal", userMessage: "I like jazz", now: "2026-03-14T09:00:00Z" }),
      }),
    ]);
  });
});

describe("update-entities node", () => {
  it("merges extracted entities into the user's entity memory across turns", async () => {
    const replies = [
      { entities: [{ name: "Biscuit", kind: "pet", attributes: [{ key: "breed", value: "beagle" }] }] },
      { entities: [{ name: "Biscuit", kind: "thing", attributes: [{ key: "age", value: "3" }] }] },
    ];
    const model = new ScriptedChatModel({ structured: () => replies.shift() });
    const node = createUpdateEntitiesNode({ entities: stores.entities, extractor: createLlmEntityExtractor(model) });
    await node(exchange("My dog Biscuit is a beagle"), config("ivy"));
    await node(exchange("Biscuit turned 3 today"), config("ivy"));
    expect(await stores.entities.list("ivy")).toEqual([
      expect.objectContaining({ name: "Biscuit", kind: "pet", attributes: { breed: "beagle", age: "3" } }),
    ]);
  });

  it("a failing model merges nothing and is logged", async () => {
    const model = new ScriptedChatModel({
      structured: () => {
        throw new Error("endpoint down");
      },
    });
    const { warnings, logger } = collectingLogger();
    const node = createUpdateEntitiesNode({ entities: stores.entities, extractor: createLlmEntityExtractor(model), logger });
    await node(exchange("My sister Maya"), config("jon"));
    expect(await stores.entities.list("jon")).toEqual([]);
    expect(warnings[0]).toMatch(/endpoint down/);
  });
});
