import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { testStores } from "../helpers/stores.js";

let stores: OpenStores;
beforeAll(async () => {
  stores = await testStores();
});
afterAll(() => stores?.close());

describe("entity names in the Chroma entity store", () => {
  it("merges a shorter or longer form of a known name into the same entity, keeping the fuller name", async () => {
    await stores.entities.merge("tom", [{ name: "Brightside", kind: "organization", attributes: { city: "Manchester" } }], "2024-01-01T00:00:00.000Z");
    await stores.entities.merge("tom", [{ name: "Brightside Studio", kind: "organization", attributes: { field: "packaging" } }], "2024-02-01T00:00:00.000Z");
    await stores.entities.merge("tom", [{ name: "brightside", kind: "organization", attributes: {}, status: "former" }], "2024-03-01T00:00:00.000Z");
    const [studio, ...rest] = await stores.entities.list("tom");
    expect(rest).toEqual([]);
    expect(studio).toMatchObject({ name: "Brightside Studio", status: "former", attributes: { city: "Manchester", field: "packaging" } });
  });

  it("keeps different things and ambiguous names apart, and never reaches another user's entities", async () => {
    await stores.entities.merge("ana", [
      { name: "Paris", kind: "place", attributes: {} },
      { name: "Anna Smith", kind: "person", attributes: { relation: "colleague" } },
      { name: "Anna Lee", kind: "person", attributes: { relation: "neighbour" } },
    ]);
    await stores.entities.merge("ana", [
      { name: "Paris Hilton", kind: "person", attributes: {} },
      { name: "Anna", kind: "person", attributes: { relation: "cousin" } },
    ]);
    expect((await stores.entities.list("ana")).map((e) => e.name)).toEqual(["Anna", "Anna Lee", "Anna Smith", "Paris", "Paris Hilton"]);
    await stores.entities.merge("bo", [{ name: "Brightside", kind: "organization", attributes: {} }]);
    expect((await stores.entities.list("bo")).map((e) => e.name)).toEqual(["Brightside"]);
    expect((await stores.entities.list("tom"))[0]!.name).toBe("Brightside Studio");
  });
});
