import { describe, expect, it } from "vitest";
import { mergeEntity, mergeStatus, orderRelevant, renderEntity } from "../../src/memory/entity-merge.js";
import { MemoryExportSchema } from "../../src/memory/api/memory-export.js";
import { buildRespondSystemPrompt } from "../../src/nodes/respond-prompt.js";
import { ExtractedEntitiesSchema } from "../../src/memory/extraction/update-entities-prompt.js";

const base = { id: "e1", userId: "u", now: "2024-01-10T00:00:00.000Z" };
const later = { ...base, now: "2024-03-02T00:00:00.000Z" };
const muchLater = { ...base, now: "2024-06-01T00:00:00.000Z" };
const studio = { name: "Brightside Studio", kind: "organization", attributes: { city: "Manchester" } };

describe("entity status", () => {
  it("starts current, turns former when said so, and keeps attributes", () => {
    const first = mergeEntity(undefined, studio, base);
    expect(first).toMatchObject({ status: "current", validUntil: null });
    const left = mergeEntity(first, { name: "Brightside Studio", kind: "organization", attributes: {}, status: "former" }, later);
    expect(left).toMatchObject({ status: "former", validUntil: later.now, attributes: { city: "Manchester" } });
  });

  it("keeps a former entity former (and its end date) when a mention states no status", () => {
    const left = mergeEntity(mergeEntity(undefined, studio, base), { ...studio, attributes: {}, status: "former" }, later);
    const mentioned = mergeEntity(left, { ...studio, attributes: { type: "design agency" } }, muchLater);
    expect(mentioned).toMatchObject({ status: "former", validUntil: later.now, attributes: { type: "design agency" } });
    expect(mergeEntity(mentioned, { ...studio, attributes: {}, status: "former" }, muchLater).validUntil).toBe(later.now);
  });

  it("revives a former entity when a later mention says it is current again", () => {
    const left = mergeEntity(undefined, { ...studio, status: "former" }, later);
    expect(left).toMatchObject({ status: "former", validUntil: later.now });
    expect(mergeEntity(left, { ...studio, attributes: {}, status: "current" }, muchLater)).toMatchObject({ status: "current", validUntil: null });
  });

  it("treats records without a status (older stores, imports) as current", () => {
    expect(mergeStatus(undefined, undefined, base.now)).toEqual({ status: "current", validUntil: null });
    expect(mergeStatus({}, null, base.now)).toEqual({ status: "current", validUntil: null });
    expect(mergeStatus({ status: "former", validUntil: null }, undefined, later.now)).toEqual({ status: "former", validUntil: later.now });
  });

  it("renders former entities as such, current ones as before", () => {
    expect(renderEntity({ ...studio, status: "former" })).toBe("Brightside Studio (organization, former): city: Manchester");
    expect(renderEntity({ ...studio, status: "current" })).toBe("Brightside Studio (organization): city: Manchester");
    expect(renderEntity({ name: "Sam", kind: "person", attributes: {}, status: "former" })).toBe("Sam (person, former)");
  });

  it("orders named entities first, then similar current ones, then similar former ones, without duplicates", () => {
    const e = (id: string, status?: "current" | "former") => ({ id, status });
    const ordered = orderRelevant([e("named", "former")], [e("old", "former"), e("a"), e("named", "former"), e("b", "current")], 3);
    expect(ordered.map((x) => x.id)).toEqual(["named", "a", "b"]);
    expect(orderRelevant([], [e("old", "former"), e("a")], 5).map((x) => x.id)).toEqual(["a", "old"]);
  });
});

describe("entity status in prompts and exports", () => {
  it("marks former entities in the respond prompt and explains the mark only when one is present", () => {
    const input = { now: "2024-04-15T10:00:00.000Z", memories: [] };
    const withFormer = buildRespondSystemPrompt({ ...input, entities: [{ id: "1", ...studio, status: "former" }] });
    expect(withFormer).toContain("- Brightside Studio (organization, former): city: Manchester");
    expect(withFormer).toContain("marked former");
    const current = buildRespondSystemPrompt({ ...input, entities: [{ id: "1", ...studio }] });
    expect(current).toContain("- Brightside Studio (organization): city: Manchester");
    expect(current).not.toContain("former");
  });

  it("accepts a status from the extractor, or none", () => {
    const parsed = ExtractedEntitiesSchema.parse({
      entities: [
        { name: "Brightside Studio", kind: "organization", attributes: [], status: "former" },
        { name: "Pickle", kind: "pet", attributes: [] },
        { name: "Elena", kind: "person", attributes: [], status: null },
      ],
    });
    expect(parsed.entities.map((x) => x.status)).toEqual(["former", undefined, null]);
  });

  it("exports and re-imports status and end date, and still reads exports without them", () => {
    const record = { id: "e1", userId: "u", ...studio, createdAt: base.now, updatedAt: later.now, lastAccessedAt: null, accessCount: 0 };
    const doc = { format: "memoria-export", version: 1, userId: "u", exportedAt: later.now, memories: [], history: [] };
    const parsed = MemoryExportSchema.parse({ ...doc, entities: [{ ...record, status: "former", validUntil: later.now }, record] });
    expect(parsed.entities[0]).toMatchObject({ status: "former", validUntil: later.now });
    expect(parsed.entities[1]!.status).toBeUndefined();
    expect(() => MemoryExportSchema.parse({ ...doc, entities: [{ ...record, status: "gone" }] })).toThrow();
  });
});
