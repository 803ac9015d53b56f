import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import type { MemoriaStateType } from "../../src/graph/state.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { createRetrieveMemoriesNode } from "../../src/nodes/retrieve-memories.js";
import { testStores } from "../helpers/stores.js";

let stores: OpenStores;
const stateFor = (text: string): MemoriaStateType => ({
  messages: [new HumanMessage(text)],
  summary: "",
  memories: [],
  entities: [],
  userProfile: "",
});

beforeAll(async () => {
  stores = await testStores();
  await stores.memory.write("ana", [
    { content: "User plays the cello in a quartet", type: "fact", category: "hobby", importance: 0.7 },
    { content: "User prefers window seats on flights", type: "preference", category: "travel", importance: 0.6 },
  ]);
  await stores.entities.merge("ana", [{ name: "Leo", kind: "person", attributes: { relation: "brother", city: "Oslo" } }]);
});
afterAll(() => stores?.close());

describe("retrieve-memories node", () => {
  const node = () => createRetrieveMemoriesNode({ memory: stores.memory, entities: stores.entities });

  it("tier A returns relevant memories, the learned profile and named entities, and records access off the turn", async () => {
    const update = await node()(stateFor("Book flights to visit Leo, I want a window seats on flights"), {
      context: { userId: "ana", tier: "A", minScore: 0, topK: 1 },
    });
    expect(update.memories![0]!.content).toBe("User prefers window seats on flights");
    expect(update.memories![0]!.why).toMatch(/similarity/);
    expect(update.memories).toHaveLength(1);
    expect(update.userProfile).toBe("hobby: User plays the cello in a quartet");
    expect(update.entities).toEqual([expect.objectContaining({ name: "Leo", attributes: { relation: "brother", city: "Oslo" } })]);
    await Promise.all([stores.memory.flushAccess(), stores.entities.flushAccess()]);
    const listed = await stores.memory.list("ana");
    const used = listed.find((m) => m.content.includes("window"))!;
    expect(used.accessCount).toBe(1);
    expect(used.lastAccessedAt).not.toBeNull();
    expect((await stores.entities.list("ana"))[0]!.accessCount).toBe(1);
  });

  it("tier A leaves out an episode the shown history already holds, and takes it once the history no longer shows it", async () => {
    const said = `My kayak is red and lives in the garage. ${"We paddled along the fjord all weekend. ".repeat(8)}`;
    await stores.memory.storeEpisode("kai", { userMessage: said }, { threadId: "k1", messageIds: ["k-m1"] }, "2024-05-01T10:00:00.000Z");
    const question = "what colour is my kayak in the garage";
    const state = { ...stateFor(question), messages: [new HumanMessage({ content: said, id: "k-m1" }), new HumanMessage(question)] };
    const ask = (historyTokenBudget: number) => node()(state, { context: { userId: "kai", tier: "A", minScore: 0, historyTokenBudget } });
    expect((await ask(1_000)).memories).toEqual([]);
    expect((await ask(64)).memories!.map((m) => m.messageIds)).toEqual([["k-m1"]]);
  });

  it("tier B returns entities only", async () => {
    const update = await node()(stateFor("How is Leo doing?"), { context: { userId: "ana", tier: "B" } });
    expect(update.memories).toEqual([]);
    expect(update.userProfile).toBe("");
    expect(update.entities!.map((e) => e.name)).toEqual(["Leo"]);
  });

  it("keeps an entity's former status in Chroma, puts it in state, and revives it on a current mention", async () => {
    const at = "2024-03-02T00:00:00.000Z";
    await stores.entities.merge(
      "bo",
      [{ name: "Brightside Studio", kind: "organization", attributes: { city: "Manchester" } }],
      "2024-01-10T00:00:00.000Z",
    );
    await stores.entities.merge("bo", [{ name: "Brightside Studio", kind: "organization", attributes: {}, status: "former" }], at);
    expect((await stores.entities.list("bo"))[0]).toMatchObject({ status: "former", validUntil: at, attributes: { city: "Manchester" } });
    const update = await node()(stateFor("Should I email Brightside?"), { context: { userId: "bo", tier: "B" } });
    expect(update.entities).toEqual([expect.objectContaining({ name: "Brightside Studio", status: "former" })]);
    await stores.entities.merge("bo", [{ name: "Brightside Studio", kind: "organization", attributes: {}, status: "current" }]);
    expect((await stores.entities.list("bo"))[0]).toMatchObject({ status: "current", validUntil: null });
  });

  it("never returns another user's data", async () => {
    const update = await node()(stateFor("cello Leo window seats on flights"), {
      context: { userId: "someone-else", tier: "A", minScore: -1 },
    });
    expect(update).toMatchObject({ memories: [], entities: [], userProfile: "" });
  });

  it("fails clearly when a tier's store is missing", async () => {
    await expect(createRetrieveMemoriesNode({})(stateFor("hi"), { context: { userId: "ana", tier: "A" } })).rejects.toThrow(ConfigError);
  });
});
