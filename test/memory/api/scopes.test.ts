import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import type { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testMemoryApi } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const userId = "scope-ana";

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  await api.add("Ana prefers window seats", { userId, infer: false, agentId: "travel-bot", runId: "run-1" });
  await api.add("Ana is allergic to peanuts", { userId, infer: false, agentId: "chef-bot", runId: "run-2" });
  await api.addMany([{ text: "Ana flies to Oslo in June" }], { userId, agentId: "travel-bot", runId: "run-3" });
  await api.add("Ana lives in Porto", { userId, infer: false });
});
afterAll(() => stores?.close());

const contents = (items: { content: string }[]) => items.map((m) => m.content).sort();

describe("scopes: agentId and runId beside userId on writes, search, list and deleteAll", () => {
  it("records the scope and narrows search and list to it", async () => {
    const travel = await api.search("Ana", { userId, agentId: "travel-bot", limit: 10 });
    expect(contents(travel)).toEqual(["Ana flies to Oslo in June", "Ana prefers window seats"]);
    expect(travel.every((m) => m.agentId === "travel-bot")).toBe(true);
    expect(contents((await api.list({ userId, runId: "run-2" })).items)).toEqual(["Ana is allergic to peanuts"]);
    expect(contents((await api.list({ userId, agentId: "travel-bot", runId: "run-3" })).items)).toEqual(["Ana flies to Oslo in June"]);
    expect(contents((await api.list({ userId, filters: { agentId: { $in: ["chef-bot"] } } })).items)).toEqual([
      "Ana is allergic to peanuts",
    ]);
    expect(contents((await api.list({ userId, filters: { agentId: { $ne: "travel-bot" } } })).items)).toEqual([
      "Ana is allergic to peanuts",
      "Ana lives in Porto",
    ]);
    expect((await api.list({ userId })).total).toBe(4);
  });

  it("another user's scope is never reachable through the same agent id", async () => {
    expect(await api.search("Ana", { userId: "scope-bo", agentId: "travel-bot" })).toEqual([]);
  });

  it("refuses a bad scope id", async () => {
    await expect(api.search("Ana", { userId, agentId: "" })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(api.add("x", { userId, infer: false, runId: "r".repeat(201) })).rejects.toThrow(/runId/);
  });

  it("deleteAll by run deletes only that run's memories; deleteUser erases every scope of the user", async () => {
    expect(await api.deleteAll({ userId, runId: "run-1" })).toHaveLength(1);
    expect((await api.list({ userId })).total).toBe(3);
    await api.deleteUser(userId);
    expect((await api.list({ userId, includeHistorical: true })).total).toBe(0);
    expect(await api.search("Ana", { userId, agentId: "travel-bot" })).toEqual([]);
  });
});
