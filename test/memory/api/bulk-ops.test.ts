import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, InvalidInputError } from "../../../src/config/errors.js";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testMemoryApi } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
});
afterAll(() => stores?.close());

const seed = async (userId: string) => {
  const texts = ["likes tea", "likes coffee", "works at a bakery", "lives in Porto"];
  const outcomes = await api.addMany(
    texts.map((text, i) => ({
      text: `${userId} ${text}`,
      metadata: { source: i % 2 ? "crm" : "chat", category: i < 2 ? "food" : "work" },
    })),
    { userId },
  );
  return outcomes.map((o) => o.id!);
};

describe("bulk operations: deleteAll, deleteMany, updateMany and reset, each recorded like the single ones", () => {
  it("deleteAll deletes only the user's memories matching the filters, erasing their text from the history", async () => {
    await seed("bulk-ana");
    await seed("bulk-bo");
    const deleted = await api.deleteAll({ userId: "bulk-ana", filters: { "metadata.source": "crm" } });
    expect(deleted).toHaveLength(2);
    expect((await api.list({ userId: "bulk-ana" })).items.map((m) => m.metadata?.source)).toEqual(["chat", "chat"]);
    expect((await api.list({ userId: "bulk-bo" })).total).toBe(4);
    for (const id of deleted) {
      const history = await api.history(id, { userId: "bulk-ana" });
      expect(history.map((e) => e.action)).toEqual(["ADD", "DELETE"]);
      expect(history.every((e) => e.content === null)).toBe(true);
    }
    await expect(api.deleteAll({ userId: "bulk-ana", filters: { source: "crm" } })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await api.list({ userId: "bulk-ana" })).total).toBe(2);
    expect(await api.deleteAll({ userId: "bulk-ana" })).toHaveLength(2);
    expect((await api.list({ userId: "bulk-ana", includeHistorical: true })).total).toBe(0);
  });

  it("deleteMany skips another user's and missing ids", async () => {
    const mine = await seed("bulk-cy");
    const theirs = await seed("bulk-di");
    const deleted = await api.deleteMany([mine[0]!, theirs[0]!, "no-such-id"], { userId: "bulk-cy" });
    expect(deleted).toEqual([mine[0]]);
    expect(await api.get(theirs[0]!, { userId: "bulk-di" })).toBeDefined();
    expect((await api.history(mine[0]!, { userId: "bulk-cy" })).map((e) => e.action)).toEqual(["ADD", "DELETE"]);
  });

  it("updateMany checks every change first: one bad patch or foreign id changes nothing", async () => {
    const ids = await seed("bulk-ed");
    const [other] = await seed("bulk-fi");
    await expect(
      api.updateMany(
        [
          { id: ids[0]!, patch: { importance: 0.9 } },
          { id: ids[1]!, patch: { importance: 7 } },
        ],
        { userId: "bulk-ed" },
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(api.updateMany([{ id: other!, patch: { importance: 0.9 } }], { userId: "bulk-ed" })).rejects.toThrow(/changed nothing/);
    expect((await api.get(ids[0]!, { userId: "bulk-ed" }))?.importance).toBe(0.5);
    const updated = await api.updateMany(
      [
        { id: ids[0]!, patch: { importance: 0.9 } },
        { id: ids[1]!, patch: { content: "bulk-ed likes green tea", metadata: { source: "web" } } },
      ],
      { userId: "bulk-ed" },
    );
    expect(updated.map((m) => [m.importance, m.content, m.metadata?.source])).toEqual([
      [0.9, "bulk-ed likes tea", "chat"],
      [0.5, "bulk-ed likes green tea", "web"],
    ]);
    expect((await api.history(ids[1]!, { userId: "bulk-ed" })).map((e) => e.action)).toEqual(["ADD", "UPDATE"]);
  });

  it("reset refuses unless allowed, and then erases every user through deleteUser", async () => {
    await expect(api.reset()).rejects.toBeInstanceOf(ConfigError);
    expect((await api.list({ userId: "bulk-bo" })).total).toBe(4);
    const allowed = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger, allowReset: true });
    const users = await allowed.reset();
    expect(users).toEqual(expect.arrayContaining(["bulk-bo", "bulk-cy", "bulk-di", "bulk-ed", "bulk-fi"]));
    for (const userId of users) expect((await api.list({ userId, includeHistorical: true })).total).toBe(0);
    expect(await stores.ledger.history.forUser("bulk-bo")).toEqual([]);
  });
});
