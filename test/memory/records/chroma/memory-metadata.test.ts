import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryToMetadata, metadataToMemory, PACKED_KEY, rowText } from "../../../../src/memory/records/chroma/memory-metadata.js";
import type { OpenStores } from "../../../../src/memory/store/open-stores.js";
import type { MemoryRecord } from "../../../../src/memory/types.js";
import { testStores } from "../../../helpers/stores.js";

const full: MemoryRecord = {
  id: "m1",
  userId: "ana",
  content: "Ana moved to Porto",
  type: "fact",
  category: "places",
  importance: 0.7,
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-02T00:00:00.000Z",
  lastAccessedAt: "2025-01-03T00:00:00.000Z",
  accessCount: 3,
  source: { threadId: "t1", messageIds: ["a", "b"] },
  kind: "episode",
  eventDate: "2024-12-24T00:00:00.000Z",
  subject: "Ana",
  validFrom: "2025-01-01T00:00:00.000Z",
  validUntil: "2025-02-01T00:00:00.000Z",
  decayedAt: "2025-01-04T00:00:00.000Z",
};

/** The one-key-per-field layout rows had before the packed one (text as document). */
const legacyMetadata = (m: MemoryRecord) => ({
  userId: m.userId,
  type: m.type,
  kind: m.kind ?? "fact",
  category: m.category,
  importance: m.importance,
  createdAt: m.createdAt,
  createdAtMs: Date.parse(m.createdAt),
  updatedAt: m.updatedAt,
  lastAccessedAt: m.lastAccessedAt ?? "",
  accessCount: m.accessCount,
  threadId: m.source.threadId ?? "",
  messageIds: JSON.stringify(m.source.messageIds ?? []),
  eventDate: m.eventDate ?? "",
  eventDateMs: 0,
  subject: m.subject ?? "",
  validFrom: m.validFrom ?? "",
  validUntil: m.validUntil ?? "",
  current: !m.validUntil,
  decayedAt: m.decayedAt ?? "",
  contentHash: "legacy",
});

type Rows = {
  rowsCollection: {
    get(a: object): Promise<{ documents: Array<string | null>; metadatas: Array<Record<string, unknown> | null> }>;
    upsert(a: object): Promise<void>;
  };
};

describe("memory row layout", () => {
  it("packs every field no filter reads into one key, and reads back the same record", () => {
    const md = memoryToMetadata(full);
    expect(Object.keys(md).sort()).toEqual(
      ["category", "contentHash", "createdAtMs", "current", "eventDateMs", "kind", "subject", "type", "userId", PACKED_KEY].sort(),
    );
    expect(md.current).toBe(false);
    expect(metadataToMemory(full.id, "", md)).toEqual(full);
    const bare: MemoryRecord = { ...full, kind: undefined, lastAccessedAt: null, source: {}, subject: null, validUntil: null };
    expect(metadataToMemory(bare.id, "", memoryToMetadata(bare))).toEqual({ ...bare, kind: "fact", source: { messageIds: [] } });
  });

  it("reads rows written with one key per field and the text as document", () => {
    expect(metadataToMemory(full.id, full.content, legacyMetadata(full))).toEqual(full);
    expect(rowText(full.content, legacyMetadata(full))).toBe(full.content);
    expect(rowText("", memoryToMetadata(full))).toBe(full.content);
  });

  describe("in Chroma", () => {
    let stores: OpenStores;
    beforeAll(async () => {
      stores = await testStores();
    });
    afterAll(() => stores?.close());

    it("a legacy row stays readable and filterable, and rewriting it blanks the text its document kept", async () => {
      const rows = (stores.memory as unknown as { rows: Rows }).rows.rowsCollection;
      const legacy = { ...full, id: "legacy-1", kind: undefined, validUntil: null, content: "Ana keeps a small boat" };
      const expected = { ...legacy, kind: "fact" };
      await rows.upsert({
        ids: [legacy.id],
        embeddings: [Array.from({ length: 256 }, (_, i) => (i === 0 ? 1 : 0))],
        documents: [legacy.content],
        metadatas: [legacyMetadata(legacy)],
      });
      expect(await stores.memory.all({ userId: "ana", current: true, subject: "Ana" })).toEqual([expected]);

      const changed = await stores.memory.update(legacy.id, { content: "Ana sold her boat" });
      expect(changed?.content).toBe("Ana sold her boat");
      const stored = await rows.get({ ids: [legacy.id], include: ["documents", "metadatas"] });
      expect(stored.documents).toEqual([""]);
      expect(JSON.stringify(stored.metadatas)).not.toContain("small boat");
      expect(await stores.memory.get(legacy.id)).toMatchObject({ content: "Ana sold her boat", subject: "Ana", accessCount: 3 });
    });
  });
});
