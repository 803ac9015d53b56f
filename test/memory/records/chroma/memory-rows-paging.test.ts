import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { newRecord } from "../../../../src/memory/reconcile/reconcile-write.js";
import { openCollection } from "../../../../src/memory/records/chroma/collections.js";
import { chromaClient } from "../../../../src/memory/records/chroma/connect.js";
import { MemoryRows } from "../../../../src/memory/records/chroma/memory-rows.js";
import { HashEmbeddings } from "../../../../src/providers/hash-embeddings.js";

const embedder = new HashEmbeddings();
let rows: MemoryRows;

beforeAll(async () => {
  const collection = await openCollection(chromaClient(inject("chromaUrl")), `paging_${randomUUID().slice(0, 8)}`, embedder);
  rows = new MemoryRows(collection, embedder, 100);
  const make = (userId: string, n: number, category: string) =>
    Array.from({ length: n }, (_, i) =>
      newRecord(userId, { content: `${userId} note ${i}`, type: "fact", category, importance: 0.5 }, {}, "2025-02-01T00:00:00.000Z"),
    );
  await rows.put([...make("pager", 250, "work"), ...make("pager", 101, "home"), ...make("other", 120, "work")], undefined, { fresh: true });
});

describe("MemoryRows.find in pages", () => {
  it("returns every matching row of a user across pages, and only that user's", async () => {
    const all = await rows.find({ userId: "pager" });
    expect(all).toHaveLength(351);
    expect(new Set(all.map((r) => r.id)).size).toBe(351);
    expect(all.every((r) => r.userId === "pager")).toBe(true);
    expect(await rows.find({ userId: "pager", category: "home" })).toHaveLength(101);
  });

  it("stops at the limit, within a page or across pages", async () => {
    expect(await rows.find({ userId: "pager" }, 7)).toHaveLength(7);
    expect(await rows.find({ userId: "pager" }, 230)).toHaveLength(230);
    expect(await rows.find({ userId: "nobody" })).toEqual([]);
  });
});
