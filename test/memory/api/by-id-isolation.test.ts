import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import type { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testMemoryApi } from "../../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
});
afterAll(() => stores?.close());

const outcome = async (call: () => Promise<unknown>) => {
  try {
    return { value: await call() };
  } catch (error) {
    return { error: (error as Error).constructor.name, message: (error as Error).message };
  }
};

describe("the by-id API acts for one user", () => {
  it("another user's memory id answers exactly like a missing id, and nothing of it changes", async () => {
    const [added] = await api.add("Alice's bank PIN is 4321", { userId: "alice", infer: false });
    const id = added!.id!;
    const missing = "00000000-0000-4000-8000-000000000000";
    const asBob = (memoryId: string) => ({
      get: () => api.get(memoryId, { userId: "bob" }),
      update: () => api.update(memoryId, { content: "Alice's bank PIN is 0000" }, { userId: "bob" }),
      delete: () => api.delete(memoryId, { userId: "bob" }),
      history: () => api.history(memoryId, { userId: "bob" }),
    });
    for (const call of ["get", "update", "delete", "history"] as const) {
      const theirs = await outcome(asBob(id)[call]);
      const none = await outcome(asBob(missing)[call]);
      expect(JSON.stringify(theirs).replaceAll(id, "ID"), call).toBe(JSON.stringify(none).replaceAll(missing, "ID"));
    }
    expect(await api.get(id, { userId: "alice" })).toMatchObject({ userId: "alice", content: "Alice's bank PIN is 4321" });
    expect((await api.history(id, { userId: "alice" })).map((e) => e.action)).toEqual(["ADD"]);
  });

  it("the owner reads, updates, sees the history of and deletes their own memory", async () => {
    const [added] = await api.add("Bob plays the oboe", { userId: "bob", infer: false });
    const id = added!.id!;
    expect((await api.update(id, { content: "Bob plays the bassoon" }, { userId: "bob" })).content).toBe("Bob plays the bassoon");
    expect((await api.history(id, { userId: "bob" })).map((e) => e.action)).toEqual(["ADD", "UPDATE"]);
    expect(await api.delete(id, { userId: "bob" })).toBe(true);
    expect(await api.get(id, { userId: "bob" })).toBeUndefined();
  });

  it("a by-id call without the acting user fails with a named error and changes nothing", async () => {
    const [added] = await api.add("Carol keeps koi", { userId: "carol", infer: false });
    const id = added!.id!;
    const untyped = api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const [call, args] of [
      ["get", [id]],
      ["update", [id, { content: "Carol keeps goldfish" }]],
      ["delete", [id]],
      ["history", [id]],
      ["get", [id, {}]],
      ["delete", [id, { userId: "" }]],
    ] as const) {
      await expect(untyped[call]!.call(api, ...args), call).rejects.toThrow(InvalidInputError);
    }
    await expect(untyped.get!.call(api, id)).rejects.toThrow(/get needs the user it acts for/);
    expect(await api.get(id, { userId: "carol" })).toMatchObject({ content: "Carol keeps koi" });
    expect((await api.history(id, { userId: "carol" })).map((e) => e.action)).toEqual(["ADD"]);
  });
});
