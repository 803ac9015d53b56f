import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/config/errors.js";
import { MemoryApi } from "../../../src/memory/api/memory-api.js";
import type { MemoryExport } from "../../../src/memory/api/memory-export.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testStores } from "../../helpers/stores.js";

/** Hash embeddings that fail on any text containing POISON (a storage-side fault in the middle of an import). */
class PoisonEmbeddings extends HashEmbeddings {
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.some((t) => t.includes("POISON"))) throw new Error("embedder failed on a poisoned text");
    return super.embedDocuments(texts);
  }
}

const at = "2025-01-01T00:00:00.000Z";
const memory = (i: number, content = `Imported fact number ${i}`) => ({
  id: `imp-${i}`,
  userId: "someone",
  content,
  type: "fact" as const,
  category: "other",
  importance: 0.5,
  createdAt: at,
  updatedAt: at,
  lastAccessedAt: null,
  accessCount: 0,
  source: {},
});
const entity = (name: string) => ({
  id: name,
  userId: "someone",
  name,
  kind: "person",
  attributes: { seen: "yes" },
  createdAt: at,
  updatedAt: at,
  lastAccessedAt: null,
  accessCount: 0,
});
const file = (parts: Partial<MemoryExport>): MemoryExport => ({
  format: "memoria-export",
  version: 1,
  userId: "someone",
  exportedAt: at,
  memories: [],
  entities: [],
  history: [],
  ...parts,
});

let stores: OpenStores;
let api: MemoryApi;

beforeAll(async () => {
  stores = await testStores(new PoisonEmbeddings());
  api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
});
afterAll(() => stores?.close());

async function footprint(userId: string) {
  return {
    memories: (await api.list({ userId, includeHistorical: true, limit: 100 })).items.map((m) => m.content),
    entities: (await api.entities(userId)).map((e) => e.name),
    history: (await stores.ledger.history.forUser(userId)).length,
  };
}

describe("import at scale, all or nothing", () => {
  it("imports more memories than Chroma takes in one batch (5,461), in batches", async () => {
    const memories = Array.from({ length: 5_600 }, (_, i) => memory(i));
    expect(await api.import("bulk", file({ memories }))).toEqual({ memories: 5_600, entities: 0, history: 0 });
    expect((await api.list({ userId: "bulk", limit: 1 })).total).toBe(5_600);
  }, 90_000);

  it("a failure after the memories are written leaves nothing behind and restores what was overwritten", async () => {
    await api.import("victim", file({ memories: [memory(1, "Original text of memory one")], entities: [entity("Ana")] }));
    const before = await footprint("victim");
    const memories = [memory(1, "Replacement of memory one"), memory(2), memory(3)];
    await expect(api.import("victim", file({ memories, entities: [entity("Cy"), entity("POISON")] }))).rejects.toThrow(/poisoned/);
    expect(await footprint("victim")).toEqual(before);
    await expect(api.import("victim", file({ memories: [memory(4, "POISON memory")] }))).rejects.toThrow(/poisoned/);
    expect(await footprint("victim")).toEqual(before);
  });

  it("rejects duplicate entity names, repeated ids and history about memories outside the import before writing anything", async () => {
    await api.add("The other user's private fact", { userId: "other", infer: false });
    const [foreign] = (await api.list({ userId: "other" })).items;
    const attempts = [
      file({ memories: [memory(10)], entities: [entity("Maya"), entity("maya")] }),
      file({ memories: [memory(11), memory(11)] }),
      file({
        memories: [memory(12)],
        history: [
          { memoryId: foreign!.id, userId: "x", action: "UPDATE", relatedId: null, content: "hijack", actor: "api", threadId: null, at },
        ],
      }),
      file({
        memories: [memory(13)],
        history: [
          { memoryId: foreign!.id, userId: "x", action: "DELETE", relatedId: null, content: null, actor: "api", threadId: null, at },
        ],
      }),
    ];
    for (const attempt of attempts) await expect(api.import("intruder", attempt)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await footprint("intruder")).toEqual({ memories: [], entities: [], history: 0 });
    expect((await api.history(foreign!.id, { userId: "other" })).map((e) => e.content)).toEqual(["The other user's private fact"]);
  });

  it("keeps history of memories deleted before the export", async () => {
    await api.add("Kept one", { userId: "roundtrip", infer: false });
    const [gone] = await api.add("Deleted one", { userId: "roundtrip", infer: false });
    await api.delete(gone!.id!, { userId: "roundtrip" });
    const exported = await api.export("roundtrip");
    await api.deleteUser("roundtrip");
    expect(await api.import("roundtrip", exported)).toMatchObject({ memories: 1, history: exported.history.length });
    expect((await api.history(gone!.id!, { userId: "roundtrip" })).map((e) => e.action)).toEqual(["ADD", "DELETE"]);
  });
});
