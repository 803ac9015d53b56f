import { describe, expect, it } from "vitest";
import { simdAvailable } from "../../../../src/memory/index/vector/simd-scan.js";
import { unitVector, VectorTable } from "../../../../src/memory/index/vector/vector-table.js";

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, x, i) => sum + x * b[i]!, 0);
const js = () => new VectorTable({ simdFromFloats: Infinity });
const simd = () => new VectorTable({ simdFromFloats: 0 });

describe("VectorTable", () => {
  it("scores cosine similarity exactly and returns the nearest accepted vectors, closest first", () => {
    for (const table of [new VectorTable(), js(), simd()]) {
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
    }
  });

  it("runs the scan in WebAssembly SIMD for large tables and in JS for small ones", () => {
    expect(simdAvailable()).toBe(true);
    const random = seeded(1);
    const small = new VectorTable();
    const large = new VectorTable();
    const reference = js();
    for (let i = 0; i < 5000; i++) {
      const vector = Array.from({ length: 100 }, random);
      if (i < 20) small.set(`m-${i}`, vector);
      large.set(`m-${i}`, vector);
      reference.set(`m-${i}`, vector);
    }
    expect(small.usesSimd).toBe(false);
    expect(large.usesSimd).toBe(true);
    expect(small.bytes).toBeLessThan(20 * 100 * 4 * 2 + 1024);
    const query = unitVector(Array.from({ length: 100 }, random));
    const even = (id: string) => Number(id.slice(2)) % 2 === 0;
    const hits = large.nearest(query, even, 40);
    expect(hits.map((h) => h.id)).toEqual(reference.nearest(query, even, 40).map((h) => h.id));
    expect(hits.every((h) => even(h.id))).toBe(true);
    expect(small.nearest(query, even, 40).map((h) => h.id)).toHaveLength(10);
  });

  for (const dim of [1, 3, 4, 100, 384, 1536]) {
    it(`gives the JS scores with SIMD across set, replace, delete, slot reuse and growth (dimension ${dim})`, () => {
      const random = seeded(dim);
      const tables = [js(), simd(), new VectorTable()];
      const held = new Map<string, number[]>();
      const apply = (op: (table: VectorTable) => void) => tables.forEach(op);
      const count = dim >= 384 ? 300 : 2500;
      for (let step = 0; step < count; step++) {
        const id = `m-${Math.floor((random() + 0.5) * count * 0.8)}`;
        const action = random() + 0.5;
        if (action < 0.2 && held.has(id)) {
          held.delete(id);
          apply((t) => t.delete(id));
        } else {
          const vector = Array.from({ length: dim }, random);
          held.set(id, vector);
          apply((t) => t.set(id, vector));
        }
      }
      expect(tables[1]!.usesSimd).toBe(true);
      for (let round = 0; round < 3; round++) {
        const query = unitVector(Array.from({ length: dim }, random));
        const expected = new Map([...held].map(([id, v]) => [id, dot(unitVector(v), query)]));
        for (const table of tables) {
          expect(table.size).toBe(held.size);
          const hits = table.nearest(query, () => true, held.size + 5);
          expect(hits.map((h) => h.id).sort()).toEqual([...held.keys()].sort());
          const error = Math.max(...hits.map((h) => Math.abs(h.similarity - expected.get(h.id)!)));
          const disorder = Math.max(...hits.slice(1).map((h, i) => expected.get(h.id)! - expected.get(hits[i]!.id)!));
          expect(error).toBeLessThan(1e-5);
          expect(disorder).toBeLessThan(1e-5);
          const id = [...held.keys()][round]!;
          expect(table.similarity(query, id)).toBeCloseTo(expected.get(id)!, 5);
          expect(Array.from(table.vectorOf(id)!)).toEqual(Array.from(unitVector(held.get(id)!)));
        }
      }
    });
  }

  it("orders ties by id and filters by the predicate the same way on both scans, even when few pass", () => {
    const random = seeded(7);
    const [a, b] = [js(), simd()];
    const shared = Array.from({ length: 16 }, random);
    for (let i = 0; i < 3000; i++) {
      const vector = i % 10 === 0 ? shared : Array.from({ length: 16 }, random);
      for (const table of [a, b]) table.set(`id-${(i * 7919) % 3000}`, vector);
    }
    const query = unitVector(shared);
    const tied = a.nearest(query, () => true, 300).map((h) => h.id);
    const expectedTies = Array.from({ length: 300 }, (_, i) => `id-${(i * 10 * 7919) % 3000}`).sort();
    expect(tied).toEqual(expectedTies);
    expect(b.nearest(query, () => true, 300).map((h) => h.id)).toEqual(expectedTies);
    const rare = (id: string) => id.endsWith("7");
    for (const k of [1, 5, 40]) {
      const hits = b.nearest(query, rare, k);
      expect(hits.map((h) => h.id)).toEqual(a.nearest(query, rare, k).map((h) => h.id));
      expect(hits).toHaveLength(k);
      expect(hits.every((h) => rare(h.id))).toBe(true);
    }
    expect(b.nearest(query, () => false, 5)).toEqual([]);
    expect(b.nearest(query, () => true, 0)).toEqual([]);
  });

  it("reserves room for a bulk load up front, then grows past it as usual, on either scan", () => {
    const random = seeded(9);
    const vectors = Array.from({ length: 3000 }, () => Array.from({ length: 100 }, random));
    const [reserved, plain] = [new VectorTable(), js()];
    reserved.reserve(2000);
    expect(reserved.bytes).toBe(0);
    reserved.set("m-0", vectors[0]!);
    reserved.reserve(2000);
    expect(reserved.usesSimd).toBe(true);
    const bytes = reserved.bytes;
    vectors.forEach((v, i) => [reserved, plain].forEach((t) => t.set(`m-${i}`, v)));
    expect(reserved.bytes).toBeGreaterThan(bytes);
    const query = unitVector(Array.from({ length: 100 }, random));
    const ids = (t: VectorTable) => t.nearest(query, () => true, 50).map((h) => h.id);
    expect(ids(reserved)).toEqual(ids(plain));
  });

  it("zeroes the padding of rows grown over former scores, so that stale scores cannot leak into new rows", () => {
    const table = simd();
    for (let i = 0; i < 16; i++) table.set(`bad-${i}`, [Infinity, 0, 0]);
    expect(Number.isNaN(table.nearest(unitVector([1, 0, 0]), () => true, 1)[0]!.similarity)).toBe(true);
    for (let i = 0; i < 16; i++) table.delete(`bad-${i}`);
    for (let i = 0; i < 40; i++) table.set(`m-${i}`, [1, i, 0]);
    const hits = table.nearest(unitVector([1, 0, 0]), () => true, 40);
    expect(hits.map((h) => h.id)).toEqual(Array.from({ length: 40 }, (_, i) => `m-${i}`));
    expect(hits.every((h, i) => Math.abs(h.similarity - 1 / Math.hypot(1, i)) < 1e-6)).toBe(true);
  });

  it("refuses vectors of another length, keeps zero vectors at zero and hands out copies", () => {
    for (const table of [js(), simd()]) {
      table.set("a", [3, 4, 0]);
      table.set("zero", [0, 0, 0]);
      table.set("a", [1, 2]);
      table.set("b", [1, 2, 3, 4]);
      expect(table.has("a")).toBe(false);
      expect(table.has("b")).toBe(false);
      expect(table.size).toBe(1);
      expect(table.similarity(unitVector([1, 0, 0]), "zero")).toBe(0);
      table.set("a", [3, 4, 0]);
      const copy = table.vectorOf("a")!;
      expect(Array.from(copy)).toEqual([Math.fround(0.6), Math.fround(0.8), 0]);
      copy[0] = 9;
      expect(table.vectorOf("a")![0]).toBeCloseTo(0.6, 6);
      expect(table.vectorOf("missing")).toBeUndefined();
      expect(table.nearest(unitVector([1, 0]), () => true, 5)).toEqual([]);
      expect(table.nearest(unitVector([1, 0, 0]), () => true, 5)).toEqual([
        { id: "a", similarity: Math.fround(0.6) },
        { id: "zero", similarity: 0 },
      ]);
    }
  });
});
