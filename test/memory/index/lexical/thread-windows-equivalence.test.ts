import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../../../src/memory/index/lexical/bm25.js";
import { UserIndex } from "../../../../src/memory/index/user-index.js";
import type { MemoryRecord } from "../../../../src/memory/types.js";

const WORDS = ["kayak", "zanzibar", "marathon", "pottery", "violin", "garden", "coffee", "river", "signed", "sister", "photos", "trip"];

describe("thread windows computed from text postings", () => {
  it("rank exactly like a BM25 index over the concatenated window texts, through loads, inserts, moves, supersedes and deletes", () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const make = (i: number): MemoryRecord => ({
      id: `r${i}`,
      userId: "u",
      content: Array.from({ length: 2 + Math.floor(rnd() * 6) }, () => pick(WORDS)).join(" "),
      type: "fact",
      category: "other",
      importance: 0.5,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, Math.floor(rnd() * 50))).toISOString(),
      updatedAt: "2025-01-01T00:00:00.000Z",
      lastAccessedAt: null,
      accessCount: 0,
      source: rnd() < 0.15 ? { messageIds: [] } : { threadId: pick(["t1", "t2", "t3"]), messageIds: [`D1:${Math.floor(rnd() * 40)}`] },
      validUntil: rnd() < 0.1 ? "2025-02-01T00:00:00.000Z" : null,
    });
    const initial = Array.from({ length: 60 }, (_, i) => make(i));
    const lexicon = new UserIndex(initial);
    const live = new Map(initial.map((r) => [r.id, r]));
    const check = () => {
      const reference = new Bm25Index();
      for (const id of live.keys()) reference.add(id, lexicon["windows"].windowText(id));
      for (const query of ["zanzibar marathon", "kayak", "sister signed photos trip", "coffee river garden violin"]) {
        const got = lexicon.searchWindows(query, { userId: "u" }, 15);
        const want = reference.search(query, 15);
        expect(got.map((h) => h.record.id)).toEqual(want.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 9));
      }
    };
    check();
    for (let step = 0; step < 120; step++) {
      const roll = rnd();
      if (roll < 0.4) {
        const r = make(100 + step);
        lexicon.upsert(r);
        live.set(r.id, r);
      } else if (roll < 0.7) {
        const old = pick([...live.values()]);
        const moved = { ...make(0), id: old.id };
        lexicon.upsert(moved);
        live.set(old.id, moved);
      } else if (roll < 0.8) {
        const old = pick([...live.values()]);
        const patched = { ...old, accessCount: old.accessCount + 1 };
        lexicon.upsert(patched);
        live.set(old.id, patched);
      } else if (live.size > 5) {
        const old = pick([...live.values()]);
        lexicon.remove(old.id);
        live.delete(old.id);
      }
      if (step % 10 === 0) check();
    }
    check();
  });

  it("still rank like the reference after the text index compacts its slots under a cached search", () => {
    const record = (i: number): MemoryRecord => ({
      id: `c${i}`,
      userId: "u",
      content: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} note ${i % 13}`,
      type: "fact",
      category: "other",
      importance: 0.5,
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      updatedAt: "2025-01-01T00:00:00.000Z",
      lastAccessedAt: null,
      accessCount: 0,
      source: { threadId: `t${i % 7}`, messageIds: [`D1:${i}`] },
      validUntil: null,
    });
    const lexicon = new UserIndex(Array.from({ length: 5_000 }, (_, i) => record(i)));
    const live = new Set(Array.from({ length: 5_000 }, (_, i) => `c${i}`));
    lexicon.searchWindows("kayak zanzibar", { userId: "u" }, 10);
    for (let i = 0; i < 4_600; i++) {
      lexicon.remove(`c${(i * 37) % 5_000}`);
      live.delete(`c${(i * 37) % 5_000}`);
    }
    for (let i = 5_000; i < 5_300; i++) {
      lexicon.upsert(record(i));
      live.add(`c${i}`);
    }
    const reference = new Bm25Index();
    for (const id of live) reference.add(id, lexicon["windows"].windowText(id));
    for (const query of ["kayak zanzibar", "violin note", "coffee river garden"]) {
      const got = lexicon.searchWindows(query, { userId: "u" }, 20);
      const want = reference.search(query, 20);
      expect(got.map((h) => h.record.id)).toEqual(want.map((h) => h.id));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i]!.score, 9));
    }
  });
});
