import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryExportSchema } from "../../src/memory/api/memory-export.js";
import {
  fullerName,
  mentions,
  mergeEntity,
  mergeStatus,
  orderRelevant,
  renderEntity,
  resolvePartialName,
} from "../../src/memory/entity-merge.js";
import { ExtractedEntitiesSchema } from "../../src/memory/extraction/update-entities-prompt.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { buildRespondSystemPrompt } from "../../src/nodes/respond-prompt.js";
import { testStores } from "../helpers/stores.js";

const early = { id: "e1", userId: "u", now: "2026-01-02T00:00:00.000Z" };

const known = [
  { name: "Brightside Studio", kind: "organization" },
  { name: "Anna Smith", kind: "person" },
  { name: "Anna Lee", kind: "person" },
  { name: "Paris", kind: "place" },
  { name: "Leo", kind: "thing" },
];

describe("resolvePartialName", () => {
  it("finds the one entity whose name starts with the update's, or starts the update's, with a compatible kind", () => {
    expect(resolvePartialName({ name: "Brightside", kind: "organization" }, known)?.name).toBe("Brightside Studio");
    expect(resolvePartialName({ name: "brightside", kind: "other" }, known)?.name).toBe("Brightside Studio");
    expect(resolvePartialName({ name: "Leo Martin", kind: "person" }, known)?.name).toBe("Leo");
  });

  it("keeps names apart when the kinds differ, the match is ambiguous, the words only overlap elsewhere, or the name is tiny", () => {
    expect(resolvePartialName({ name: "Paris Hilton", kind: "person" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Anna", kind: "person" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Studio", kind: "organization" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Brightside Studio", kind: "organization" }, known)).toBeUndefined();
    expect(resolvePartialName({ name: "Al", kind: "person" }, [{ name: "Al Green", kind: "person" }])).toBeUndefined();
    expect(resolvePartialName({ name: "   ", kind: "person" }, known)).toBeUndefined();
  });

  it("keeps the fuller of two forms of a name", () => {
    expect(fullerName("Brightside", " Brightside Studio ")).toBe("Brightside Studio");
    expect(fullerName("Brightside Studio", "Brightside")).toBe("Brightside Studio");
  });
});

describe("mergeEntity", () => {
  it("adds, overwrites and removes attributes and keeps the first display name", () => {
    const first = mergeEntity(undefined, { name: "Maya", kind: "person", attributes: { Relation: "sister", job: "teacher" } }, early);
    const second = mergeEntity(
      first,
      { name: "maya", kind: "thing", attributes: { job: "nurse", relation: "", "Home City": "Leeds" } },
      { ...early, now: "2026-02-01T00:00:00.000Z" },
    );
    expect(second).toMatchObject({ name: "Maya", kind: "person", attributes: { job: "nurse", home_city: "Leeds" }, createdAt: early.now });
    expect(second.attributes.relation).toBeUndefined();
  });

  it("refines a vague kind", () => {
    const vague = mergeEntity(undefined, { name: "Biscuit", kind: "thing", attributes: {} }, early);
    expect(mergeEntity(vague, { name: "Biscuit", kind: "Pet", attributes: {} }, early).kind).toBe("pet");
  });

  it("renders one line", () => {
    expect(renderEntity({ name: "Biscuit", kind: "pet", attributes: { breed: "beagle", favourite_toy: "rope" } })).toBe(
      "Biscuit (pet): breed: beagle; favourite toy: rope",
    );
  });
});

describe("mentions", () => {
  it("matches full names and capitalised name parts, not common words", () => {
    expect(mentions("dinner with maya patel tonight", "Maya Patel")).toBe(true);
    expect(mentions("Maya called", "Maya Patel")).toBe(true);
    expect(mentions("I may call", "Maya Patel")).toBe(false);
    expect(mentions("a new phone", "New York")).toBe(false);
  });
});

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
    expect(mergeEntity(left, { ...studio, attributes: {}, status: "current" }, muchLater)).toMatchObject({
      status: "current",
      validUntil: null,
    });
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

describe("entity names in the Chroma entity store", () => {
  let stores: OpenStores;
  beforeAll(async () => {
    stores = await testStores();
  });
  afterAll(() => stores?.close());

  it("merges a shorter or longer form of a known name into the same entity, keeping the fuller name", async () => {
    await stores.entities.merge(
      "tom",
      [{ name: "Brightside", kind: "organization", attributes: { city: "Manchester" } }],
      "2024-01-01T00:00:00.000Z",
    );
    await stores.entities.merge(
      "tom",
      [{ name: "Brightside Studio", kind: "organization", attributes: { field: "packaging" } }],
      "2024-02-01T00:00:00.000Z",
    );
    await stores.entities.merge(
      "tom",
      [{ name: "brightside", kind: "organization", attributes: {}, status: "former" }],
      "2024-03-01T00:00:00.000Z",
    );
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
