import { describe, expect, it } from "vitest";
import { filteredTopK, topScored } from "../../../src/memory/index/top-k.js";

describe("topScored", () => {
  it("returns what filteredTopK returns over the defined keys, with ties by key and any share of keys accepted", () => {
    let state = 3;
    const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (const count of [0, 7, 100, 3000]) {
      const scores = Float32Array.from({ length: count }, () => Math.round(random() * 50) / 50);
      const keys = Array.from({ length: count }, (_, i) => (random() < 0.1 ? undefined : `k${(i * 7919) % 10007}`));
      const slots = keys.flatMap((key, slot) => (key === undefined ? [] : [slot]));
      const order = (a: number, b: number) => scores[b]! - scores[a]! || (keys[a]! < keys[b]! ? -1 : 1);
      for (const share of [1, 0.5, 0.01, 0]) {
        const accept = (key: string) => (Number(key.slice(1)) % 100) / 100 < share;
        for (const limit of [0, 1, 10, 40, 5000]) {
          const expected = filteredTopK(slots, limit, order, (slot) => accept(keys[slot]!));
          expect(topScored(scores, keys, count, limit, accept)).toEqual(expected);
        }
      }
    }
  });
});
