import { describe, expect, it } from "vitest";
import { unitVector, VectorTable } from "../../../src/memory/search/vector-table.js";

describe("VectorTable", () => {
  it("scores cosine similarity exactly and returns the nearest accepted vectors, closest first", () => {
    const table = new VectorTable();
    table.set("east", [2, 0]);
    table.set("north", [0, 5]);
    table.set("north-east", [1, 1]);
    table.set("west", [-3, 0]);
    const query = unitVector([1, 0.1]);
    expect(table.nearest(query, () => true, 3).map((h) => h.id)).toEqual(["east", "north-east", "north"]);
    expect(table.nearest(query, (id) => id !== "east", 1).map((h) => h.id)).toEqual(["north-east"]);
    expect(table.similarity(unitVector([1, 0]), "north-east")).toBeCloseTo(Math.SQRT1_2, 6);
    expect(table.similarity(unitVector([1, 0]), "west")).toBeCloseTo(-1, 6);
    table.delete("east");
    expect(table.has("east")).toBe(false);
    expect(table.similarity(query, "east")).toBeUndefined();
    expect(table.dimension).toBe(2);
  });
});
