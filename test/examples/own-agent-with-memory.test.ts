import { isToolMessage, type BaseMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgentWithMemory } from "../../examples/own-agent-with-memory.js";
import { createMemoria, ScriptedToolCallingModel, type Memoria } from "../../src/index.js";
import { messageText } from "../../src/memory/token-counter.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const extractionModel = scriptedMemoryModel([
  { when: "Lisbon", memories: [{ content: "User lives in Lisbon", type: "fact", category: "personal", importance: 0.8 }] },
]);
const agentModel = new ScriptedToolCallingModel({
  script: (messages: BaseMessage[], tools) => {
    const last = messages.at(-1)!;
    if (isToolMessage(last)) return { content: `Tool said: ${messageText(last)}` };
    const city = messageText(last).match(/I live in (\w+)/)?.[1] ?? messageText(messages[0]!).match(/User lives in (\w+)/)?.[1];
    if (/weather/i.test(messageText(last)) && city && tools.includes("get_weather"))
      return { toolCalls: [{ name: "get_weather", args: { city } }] };
    return { content: "I don't know where you live." };
  },
});

let memoria: Memoria;
beforeAll(async () => {
  memoria = await createMemoria({ config: testConfig({ MEMORIA_EMBEDDINGS: "hash" }), chatModel: extractionModel, checkpointer: false });
});
afterAll(() => memoria?.close());

describe("examples/own-agent-with-memory", () => {
  it("a tool-calling agent recalls in a new thread what background extraction stored from the first", async () => {
    const graph = buildAgentWithMemory({ memoria, model: agentModel });
    const ask = async (userId: string, thread: string, text: string) =>
      (await graph.invoke({ messages: [{ role: "user", content: text }] }, { configurable: { thread_id: thread }, context: { userId } }))
        .messages;

    const first = await ask("lea", "t1", "I live in Lisbon. What's the weather at home?");
    expect(first.map((m) => m.getType())).toEqual(["human", "ai", "tool", "ai"]);
    expect(messageText(first.at(-1)!)).toBe("Tool said: It is sunny and 21°C in Lisbon.");
    await memoria.background.drain();
    const [stored] = (await memoria.api.list({ userId: "lea" })).items;
    expect(stored).toMatchObject({ content: "User lives in Lisbon", source: { threadId: "t1" } });
    const extractPrompt = extractionModel.log.calls
      .find((c) => c.tool === "extract_memories")!
      .messages.map(messageText)
      .join("\n");
    expect(extractPrompt).toContain("Tool said: It is sunny");

    const second = await ask("lea", "t2", "What's the weather where I live?");
    expect(messageText(agentModel.calls.at(-2)![0]!)).toContain("User lives in Lisbon");
    expect(messageText(second.at(-1)!)).toBe("Tool said: It is sunny and 21°C in Lisbon.");

    const stranger = await ask("max", "t3", "What's the weather where I live?");
    expect(messageText(stranger.at(-1)!)).toBe("I don't know where you live.");
  });
});
