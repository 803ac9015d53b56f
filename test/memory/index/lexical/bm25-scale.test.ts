import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../../../src/memory/index/lexical/bm25.js";
import { topK } from "../../../../src/memory/index/top-k.js";

/** The reference ranking: every document scored from scratch with the Okapi BM25 formula, best first, ties by id. */
function reference(docs: Map<string, string[]>, query: string[], limit: number, accept: (id: string) => boolean) {
  const n = docs.size;
  const avg = [...docs.values()].reduce((s, d) => s + d.length, 0) / n;
  const dfs = new Map([...new Set(query)].map((t) => [t, [...docs.values()].filter((d) => d.includes(t)).length]));
  const df = (t: string) => dfs.get(t)!;
  const out: Array<{ id: string; score: number }> = [];
  for (const [id, terms] of docs) {
    let score = 0;
    for (const t of new Set(query)) {
      const tf = terms.filter((x) => x === t).length;
      if (!tf) continue;
      const idf = Math.log(1 + (n - df(t) + 0.5) / (df(t) + 0.5));
      score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * terms.length) / avg));
    }
    if (score > 0 && accept(id)) out.push({ id, score });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
}

describe("Bm25Index at scale", () => {
  it("matches a from-scratch BM25 ranking after thousands of adds, replacements and removals (compaction included)", () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const text = () => Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => words[Math.floor(rnd() ** 2 * words.length)]!);
    const index = new Bm25Index({ tokenizer: (s) => s.split(" ").filter(Boolean) });
    const docs = new Map<string, string[]>();
    for (let i = 0; i < 12_000; i++) {
      const id = `d${Math.floor(rnd() * 6_000)}`;
      if (rnd() < 0.3 && docs.has(id)) {
        expect(index.remove(id)).toBe(true);
        docs.delete(id);
      } else {
        const terms = text();
        index.add(id, terms.join(" "));
        docs.set(id, terms);
      }
    }
    expect(index.size).toBe(docs.size);
    const odd = (id: string) => Number(id.slice(1)) % 2 === 1;
    for (const query of [["w0", "w1"], ["w59", "w3", "w0"], ["w42"], ["nothing"]]) {
      for (const accept of [() => true, odd]) {
        const got = index.search(query.join(" "), 10, accept);
        const want = reference(docs, query, 10, accept);
        expect(got.map((h) => h.id)).toEqual(want.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 9));
      }
    }
  });

  it("finds matches the filter accepts even when the best-scoring documents are all rejected", () => {
    const index = new Bm25Index();
    for (let i = 0; i < 500; i++) index.add(`top-${String(i).padStart(3, "0")}`, "kayak kayak kayak");
    index.add("wanted", "kayak and a long sentence about other things entirely");
    expect(index.search("kayak", 5, (id) => id === "wanted").map((h) => h.id)).toEqual(["wanted"]);
  });
});

describe("topK", () => {
  it("returns the k first items in order, like a full sort, for short and long inputs", () => {
    const items = Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 5_003);
    const order = (a: number, b: number) => b - a;
    expect(topK(items, 10, order)).toEqual([...items].sort(order).slice(0, 10));
    expect(topK(items.slice(0, 20), 10, order)).toEqual(items.slice(0, 20).sort(order).slice(0, 10));
    expect(topK(items, 0, order)).toEqual([]);
  });
});
