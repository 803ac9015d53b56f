import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/config/errors.js";
import { MemoryApi } from "../../src/memory/api/memory-api.js";
import { FIELD_LIMITS } from "../../src/memory/field-limits.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import type { EntityUpdate, NewMemory } from "../../src/memory/types.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { openStores } from "../../src/memory/store/open-stores.js";
import { testConfig } from "../helpers/stores.js";

const NOW = "2026-05-01T10:00:00.000Z";
const warnings: string[] = [];
const logger = { warn: (m: string) => void warnings.push(m), info: () => {} };
let stores: OpenStores;
let api: MemoryApi;
let extracted: NewMemory[] = [];

beforeAll(async () => {
  const config = testConfig();
  stores = await openStores({
    chromaUrl: config.chromaUrl,
    dataDir: config.dataDir,
    collectionPrefix: config.collectionPrefix,
    embedder: new HashEmbeddings(),
    logger,
  });
  api = new MemoryApi({
    memory: stores.memory,
    entities: stores.entities,
    ledger: stores.ledger,
    factExtractor: async () => extracted,
    entityExtractor: async (): Promise<EntityUpdate[]> => [
      { name: "x".repeat(5_000), kind: "person", attributes: {} },
      { name: "Maya", kind: "k".repeat(1_000), attributes: { relation: "sister", note: "n".repeat(100_000) } },
    ],
    logger,
    clock: () => new Date(NOW),
  });
});
afterAll(() => stores?.close());

const stored = async (userId: string) => (await api.list({ userId, includeHistorical: true })).items;

describe("every public write is validated", () => {
  it("add(infer: false) rejects out-of-range importance, NaN, unknown types, non-ISO dates and over-long fields, storing nothing", async () => {
    const bad = [
      { importance: 7 },
      { importance: Number.NaN },
      { type: "opinion" },
      { eventDate: "soon" },
      { eventDate: "2024-13-45" },
      { category: "c".repeat(FIELD_LIMITS.category + 1) },
      { subject: "s".repeat(FIELD_LIMITS.subject + 1) },
      { tags: "t".repeat(FIELD_LIMITS.metadataChars) },
    ];
    for (const metadata of bad) {
      await expect(
        api.add("User likes tea", { userId: "v1", infer: false, metadata: metadata as never }),
        JSON.stringify(metadata),
      ).rejects.toThrow(InvalidInputError);
    }
    await expect(api.add("t".repeat(FIELD_LIMITS.content + 1), { userId: "v1", infer: false })).rejects.toThrow(
      /content must be a non-empty text of at most 2000 characters/,
    );
    expect(await stored("v1")).toHaveLength(0);
    const [ok] = await api.add("User likes tea", {
      userId: "v1",
      infer: false,
      metadata: { importance: 1, eventDate: "2024-05-01", category: "food" },
    });
    expect(ok!.action).toBe("ADD");
    expect(await stored("v1")).toHaveLength(1);
    const [typo] = await api.add("User likes green tea", { userId: "v1", infer: false, metadata: { importanse: 0.9 } });
    const kept = await api.get(typo!.id!, { userId: "v1" });
    expect([kept?.importance, kept?.metadata]).toEqual([0.5, { importanse: 0.9 }]);
  });

  it("update rejects invalid patches and leaves the memory unchanged", async () => {
    const [added] = await api.add("User drinks coffee", { userId: "v2", infer: false });
    for (const patch of [
      { importance: Number.NaN },
      { importance: -0.1 },
      { eventDate: "soon" },
      { type: "opinion" },
      { content: "c".repeat(1_000_000) },
      { content: "" },
    ]) {
      await expect(api.update(added!.id!, patch as never, { userId: "v2" }), JSON.stringify(patch).slice(0, 40)).rejects.toThrow(
        InvalidInputError,
      );
    }
    const after = await api.get(added!.id!, { userId: "v2" });
    expect(after).toMatchObject({ content: "User drinks coffee", importance: 0.5, type: "fact", eventDate: null });
    expect((await api.update(added!.id!, { importance: 0.9, eventDate: "2025-01-02T10:00:00Z" }, { userId: "v2" })).importance).toBe(0.9);
  });

  it("model output: an over-long or untyped memory is dropped with a warning; bad fields get safe defaults", async () => {
    warnings.length = 0;
    extracted = [
      { content: "m".repeat(1_000_000), type: "fact", category: "other", importance: 0.5 },
      { content: "User hates olives", type: "opinion" as never, category: "food", importance: 0.5 },
      {
        content: "User runs marathons",
        type: "fact",
        category: "h".repeat(10_000),
        importance: Number.NaN,
        eventDate: "soon",
        subject: "",
      },
      { content: "User lives in Oslo", type: "fact", category: "personal", importance: 3 },
    ];
    await api.add("I run marathons and live in Oslo", { userId: "v3" });
    const rows = await stored("v3");
    expect(rows.map((r) => r.content).sort()).toEqual(["User lives in Oslo", "User runs marathons"]);
    expect(rows.find((r) => r.content === "User runs marathons")).toMatchObject({
      category: "other",
      importance: 0.5,
      eventDate: null,
      subject: null,
    });
    expect(rows.find((r) => r.content === "User lives in Oslo")!.importance).toBe(1);
    expect(Math.max(...rows.map((r) => r.content.length))).toBeLessThanOrEqual(FIELD_LIMITS.content);
    expect(warnings.filter((w) => w.startsWith("memory dropped"))).toHaveLength(2);
    const entities = await api.entities("v3");
    expect(entities.map((e) => e.name)).toEqual(["Maya"]);
    expect(entities[0]).toMatchObject({ kind: "thing", attributes: { relation: "sister" } });
  });

  it("a 1 MB UPDATE from the reconciler is not stored", async () => {
    const [added] = await api.add("User likes green tea", { userId: "v4", infer: false });
    const original = stores.memory.reconciler;
    stores.memory.reconciler = async ({ existing }) => ({
      action: "UPDATE",
      targetId: existing[0]!.record.id,
      content: "U".repeat(1_000_000),
    });
    try {
      const [outcome] = await stores.memory.write(
        "v4",
        [{ content: "User likes green tea a lot", type: "fact", category: "food", importance: 0.5 }],
        {},
        NOW,
      );
      expect(outcome).toMatchObject({ action: "NONE" });
      expect(outcome!.error).toMatch(/over the limit/);
    } finally {
      stores.memory.reconciler = original;
    }
    expect((await api.get(added!.id!, { userId: "v4" }))!.content).toBe("User likes green tea");
  });

  it("import rejects over-long fields and non-ISO dates", async () => {
    const memory = {
      id: "imp-1",
      userId: "v5",
      content: "User likes tea",
      type: "fact",
      category: "food",
      importance: 0.5,
      createdAt: NOW,
      updatedAt: NOW,
      lastAccessedAt: null,
      accessCount: 0,
      source: {},
    };
    const file = (m: object) => ({
      format: "memoria-export",
      version: 1,
      userId: "v5",
      exportedAt: NOW,
      memories: [{ ...memory, ...m }],
      entities: [],
      history: [],
    });
    await expect(api.import("v5", file({ content: "x".repeat(FIELD_LIMITS.content + 1) }))).rejects.toThrow(InvalidInputError);
    await expect(api.import("v5", file({ eventDate: "soon" }))).rejects.toThrow(InvalidInputError);
    expect(await stored("v5")).toHaveLength(0);
    await api.import("v5", file({ eventDate: "2024-05-01" }));
    expect(await stored("v5")).toHaveLength(1);
  });

  it("a NaN importance that reached storage never ranks first", async () => {
    await stores.memory.insert("v6", { content: "User owns a red bicycle", type: "fact", category: "other", importance: 0.5 }, {}, NOW);
    await stores.memory.insert(
      "v6",
      { content: "Weather note unrelated", type: "fact", category: "other", importance: Number.NaN },
      {},
      NOW,
    );
    const results = await api.search("red bicycle", { userId: "v6", minScore: -1, now: NOW });
    expect(results[0]!.content).toBe("User owns a red bicycle");
    expect(results.every((r) => Number.isFinite(r.score))).toBe(true);
  });
});

describe("entity attributes stay bounded", () => {
  it("an entity keeps at most FIELD_LIMITS.attributesPerEntity attributes over many merges, dropping the oldest", async () => {
    const { mergeEntity } = await import("../../src/memory/entity-merge.js");
    let entity = mergeEntity(undefined, { name: "Maya", kind: "person", attributes: {} }, { id: "e", userId: "u", now: NOW });
    for (let i = 0; i < 120; i++)
      entity = mergeEntity(
        entity,
        { name: "Maya", kind: "person", attributes: { [`fact${i}`]: `value ${i}` } },
        { id: "e", userId: "u", now: NOW },
      );
    expect(Object.keys(entity.attributes)).toHaveLength(FIELD_LIMITS.attributesPerEntity);
    expect(entity.attributes.fact119).toBe("value 119");
    expect(entity.attributes.fact0).toBeUndefined();
  });
});
