import { describe, expect, it } from "vitest";
import { explainFusion, reciprocalRankFusion } from "../../../src/memory/retrieval/rank-fusion.js";

describe("reciprocalRankFusion", () => {
  it("sums 1/(k+rank) over lists and records each list's contribution", () => {
    const fused = reciprocalRankFusion(
      [
        {
          name: "bm25",
          results: [
            { id: "x", score: 7 },
            { id: "y", score: 3 },
          ],
        },
        {
          name: "vector",
          results: [
            { id: "y", score: 0.9 },
            { id: "z", score: 0.8 },
          ],
        },
      ],
      { k: 60 },
    );
    expect(fused.map((r) => r.id)).toEqual(["y", "x", "z"]);
    const y = fused[0]!;
    expect(y.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(y.contributions).toEqual([
      { list: "bm25", rank: 2, score: 3, contribution: 1 / 62 },
      { list: "vector", rank: 1, score: 0.9, contribution: 1 / 61 },
    ]);
    expect(explainFusion(y)).toBe("bm25 #2, vector #1");
  });

  it("applies list weights, ignores duplicate ids within a list and honours limit", () => {
    const fused = reciprocalRankFusion(
      [
        { name: "a", results: [{ id: "p" }, { id: "p" }, { id: "q" }] },
        { name: "b", results: [{ id: "q" }], weight: 3 },
      ],
      { k: 1, limit: 1 },
    );
    expect(fused).toHaveLength(1);
    expect(fused[0]!.id).toBe("q");
    expect(fused[0]!.score).toBeCloseTo(1 / 3 + 3 / 2, 12);
  });

  it("breaks score ties by best rank and returns nothing for empty input", () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    const fused = reciprocalRankFusion([
      { name: "a", results: [{ id: "m" }, { id: "n" }] },
      { name: "b", results: [{ id: "n" }, { id: "m" }] },
    ]);
    expect(fused.map((r) => r.id)).toEqual(["m", "n"]);
  });
});
