import { MemorySaver } from "@langchain/langgraph";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { createMemoryTools } from "../../src/integrations/memory-tools.js";
import { messageText } from "../../src/memory/token-counter.js";
import { fallbackReconciler } from "../../src/memory/reconcile/fallback-reconciler.js";
import { scriptedAgentModel } from "../helpers/memory-agent-script.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const extractionModel = scriptedMemoryModel([
  { when: "vegetarian", memories: [{ content: "User is vegetarian", type: "preference", category: "food", importance: 0.9 }] },
]);
const agentModel = scriptedAgentModel([
  { when: /^remember (.+)$/i, call: (m) => ({ name: "save_memory", args: { content: m[1]!, userId: "alice" } }) },
  { when: /^recall (.+)$/i, call: (m) => ({ name: "search_memory", args: { query: m[1]!, userId: "alice" } }) },
  { when: /^fix (\S+) (.+)$/i, call: (m) => ({ name: "update_memory", args: { memoryId: m[1]!, content: m[2]!, userId: "alice" } }) },
  { when: /^forget (\S+)$/i, call: (m) => ({ name: "forget_memory", args: { memoryId: m[1]!, userId: "alice" } }) },
]);

let app: Memoria;
let agent: ReturnType<typeof createReactAgent>;
const say = async (userId: string, thread: string, text: string) => {
  const out = await agent.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: thread }, context: { userId } },
  );
  return messageText(out.messages.at(-1)!);
};

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: extractionModel, reconciler: fallbackReconciler, checkpointer: false });
  agent = createReactAgent({ llm: agentModel, tools: createMemoryTools(app.api), checkpointer: new MemorySaver() });
});
afterAll(() => app?.close());

describe("memory tools in a createReactAgent loop", () => {
  it("saves a fact through extraction and reconciliation in one thread and finds it in another", async () => {
    expect(await say("alice", "a-1", "remember I am vegetarian since 2019")).toContain('"action":"ADD"');
    expect(await say("alice", "a-1", "remember I am vegetarian since 2019")).toContain('"action":"NONE"');
    const items = (await app.api.list({ userId: "alice" })).items;
    expect(items.map((m) => m.content)).toEqual(["User is vegetarian"]);
    expect(items[0]!.source.threadId).toBe("a-1");
    const found = await say("alice", "a-2", "recall what does the user eat");
    expect(found).toContain("User is vegetarian");
    expect(found).toContain(items[0]!.id);
  });

  it("updates and forgets by id within the same user", async () => {
    await say("carol", "c-1", "remember I play chess on Fridays");
    const [memory] = (await app.api.list({ userId: "carol" })).items;
    expect(await say("carol", "c-1", `fix ${memory!.id} I play chess on Saturdays`)).toContain("Saturdays");
    expect((await app.api.get(memory!.id, { userId: "carol" }))?.content).toBe("I play chess on Saturdays");
    expect(await say("carol", "c-1", `forget ${memory!.id}`)).toContain('"forgotten"');
    expect(await app.api.get(memory!.id, { userId: "carol" })).toBeUndefined();
  });

  it("a model naming another user's id, or another user's memory id, changes and reveals nothing", async () => {
    const [alices] = (await app.api.list({ userId: "alice" })).items;
    expect(await say("mallory", "m-1", "recall vegetarian")).toBe('Tool said: {"memories":[]}');
    expect(await say("mallory", "m-1", `fix ${alices!.id} User eats fish`)).toContain(`No memory with id ${alices!.id}`);
    expect(await say("mallory", "m-1", `forget ${alices!.id}`)).toContain(`No memory with id ${alices!.id}`);
    expect(await app.api.get(alices!.id, { userId: "alice" })).toMatchObject({ userId: "alice", content: "User is vegetarian" });
    await say("mallory", "m-1", "remember I am vegetarian too");
    expect((await app.api.list({ userId: "alice" })).total).toBe(1);
    expect((await app.api.list({ userId: "mallory" })).items.map((m) => m.userId)).toEqual(["mallory"]);
  });

  it("refuses a run without a user", async () => {
    const out = await agent.invoke({ messages: [{ role: "user", content: "recall anything" }] }, { configurable: { thread_id: "anon" } });
    expect(messageText(out.messages.at(-2)!)).toMatch(/No user for this call/);
  });
});
