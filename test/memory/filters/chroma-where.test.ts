import { describe, expect, it } from "vitest";
import { chromaWhereOf, memoryWhere } from "../../../src/memory/filters/chroma-where.js";
import { parseFilter } from "../../../src/memory/filters/parse-filter.js";

const where = (filters: Record<string, unknown>) => chromaWhereOf(parseFilter(filters).where!);

describe("the Chroma where of a filter: what Chroma does exactly goes down, the rest stays in memory", () => {
  it("pushes equality and lists on texts and booleans, built-in or metadata", () => {
    expect(where({ category: { $in: ["food", "work"] } })).toEqual({ category: { $in: ["food", "work"] } });
    expect(where({ "metadata.source": "crm" })).toEqual({ "md.source": { $eq: "crm" } });
    expect(where({ "metadata.ok": true })).toEqual({ "md.ok": { $eq: true } });
    expect(where({ createdAt: { $gte: "2026-01-01" } })).toEqual({ createdAtMs: { $gte: Date.parse("2026-01-01") } });
  });

  it("keeps in memory $contains, NOT, numbers in metadata, nested keys and packed fields", () => {
    for (const f of [
      { content: { $contains: "x" } },
      { NOT: { category: "food" } },
      { "metadata.priority": { $gt: 3 } },
      { "metadata.a.b": "x" },
      { importance: { $gt: 0.5 } },
      { "metadata.source": { $ne: "crm" } },
    ])
      expect(where(f)).toBeUndefined();
  });

  it("an OR goes down only whole; an AND keeps the parts that can", () => {
    expect(where({ OR: [{ category: "food" }, { importance: { $gt: 0.5 } }] })).toBeUndefined();
    expect(where({ AND: [{ category: "food" }, { importance: { $gt: 0.5 } }] })).toEqual({ category: { $eq: "food" } });
    expect(where({ OR: [{ category: "food" }, { "metadata.source": "crm" }] })).toEqual({
      $or: [{ category: { $eq: "food" } }, { "md.source": { $eq: "crm" } }],
    });
  });

  it("a memory filter always keeps its user", () => {
    expect(memoryWhere({ userId: "u", where: parseFilter({ NOT: { category: "x" } }).where })).toEqual({ userId: { $eq: "u" } });
    expect(memoryWhere({ userId: "u", current: true })).toEqual({ $and: [{ userId: { $eq: "u" } }, { current: { $eq: true } }] });
  });
});
