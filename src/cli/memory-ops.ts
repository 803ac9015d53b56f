import { readFile, writeFile } from "node:fs/promises";
import { InvalidInputError } from "../config/errors.js";
import type { Memoria } from "../graph/create-memoria.js";
import { chromaCall, userWhere } from "../memory/chroma/collections.js";
import type { EntityRecord, MemoryRecord, MemoryType, ScoredMemory } from "../memory/types.js";

const FORMAT = "memoria-export";
const VERSION = 1;

/** A user's memories and entities as written by /export and read by /import. */
export interface MemoryExport {
  format: typeof FORMAT;
  version: number;
  userId: string;
  exportedAt: string;
  memories: MemoryRecord[];
  entities: EntityRecord[];
}

/** What /forget removed. */
export interface Forgotten {
  kind: "memory" | "entity";
  id: string;
  text: string;
}

/** The memory operations the REPL's slash commands need, over one memoria instance. */
export interface MemoryOps {
  list(userId: string): Promise<MemoryRecord[]>;
  search(userId: string, query: string): Promise<ScoredMemory[]>;
  entities(userId: string): Promise<EntityRecord[]>;
  profile(userId: string): Promise<string>;
  forget(userId: string, idOrText: string): Promise<Forgotten | undefined>;
  exportTo(userId: string, file: string): Promise<MemoryExport>;
  importFrom(userId: string, file: string): Promise<{ memories: number; entities: number }>;
}

async function deleteRow(memoria: Memoria, suffix: "memories" | "entities", userId: string, id: string): Promise<void> {
  const name = `${memoria.config.collectionPrefix}_${suffix}`;
  const collection = await chromaCall("getCollection", () => memoria.stores.client.getCollection({ name, embeddingFunction: undefined }));
  await chromaCall("delete", () => collection.delete({ ids: [id], where: userWhere(userId) }));
}

function parseExport(raw: string, file: string): MemoryExport {
  let data: Partial<MemoryExport>;
  try {
    data = JSON.parse(raw) as Partial<MemoryExport>;
  } catch {
    throw new InvalidInputError(`${file} is not JSON.`);
  }
  if (data.format !== FORMAT || typeof data.version !== "number") throw new InvalidInputError(`${file} is not a memoria export (format "${FORMAT}").`);
  if (data.version > VERSION) throw new InvalidInputError(`${file} is export version ${data.version}; this memoria reads up to version ${VERSION}.`);
  return { ...data, memories: data.memories ?? [], entities: data.entities ?? [] } as MemoryExport;
}

/** Memory operations implemented on the stores' LongTermMemory and EntityMemory interfaces (delete-by-id goes to Chroma directly). */
export function createMemoryOps(memoria: Memoria): MemoryOps {
  const { memory, entities } = memoria.stores;
  return {
    list: (userId) => memory.list(userId),
    search: (userId, query) => memory.search(query, { userId, limit: 10, includeHistorical: false }),
    entities: (userId) => entities.list(userId),
    profile: (userId) => memory.profile(userId),
    async forget(userId, idOrText) {
      const needle = idOrText.trim();
      const memories = await memory.list(userId);
      const byId = memories.find((m) => m.id === needle);
      if (byId) {
        await deleteRow(memoria, "memories", userId, byId.id);
        return { kind: "memory", id: byId.id, text: byId.content };
      }
      const entity = (await entities.list(userId)).find((e) => e.id === needle || e.name.toLowerCase() === needle.toLowerCase());
      if (entity) {
        await deleteRow(memoria, "entities", userId, entity.id);
        return { kind: "entity", id: entity.id, text: entity.name };
      }
      const containing = memories.filter((m) => m.content.toLowerCase().includes(needle.toLowerCase()));
      if (containing.length > 1) {
        throw new InvalidInputError(`"${needle}" is in ${containing.length} memories; use an id from /memories:\n${containing.map((m) => `  [${m.id.slice(0, 8)}] ${m.content}`).join("\n")}`);
      }
      const [best] = containing.length ? containing : await memory.search(needle, { userId, limit: 1, minScore: 0.5 });
      if (!best) return undefined;
      await deleteRow(memoria, "memories", userId, best.id);
      return { kind: "memory", id: best.id, text: best.content };
    },
    async exportTo(userId, file) {
      const data: MemoryExport = {
        format: FORMAT,
        version: VERSION,
        userId,
        exportedAt: new Date().toISOString(),
        memories: await memory.list(userId),
        entities: await entities.list(userId),
      };
      await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
      return data;
    },
    async importFrom(userId, file) {
      const data = parseExport(await readFile(file, "utf8"), file);
      const written = await memory.write(
        userId,
        data.memories.map((m) => ({ content: m.content, type: m.type as MemoryType, category: m.category, importance: m.importance, eventDate: m.eventDate ?? null })),
        { threadId: "import" },
      );
      const merged = await entities.merge(userId, data.entities.map((e) => ({ name: e.name, kind: e.kind, attributes: e.attributes })));
      return { memories: written.filter((w) => w.action === "ADD").length, entities: merged.length };
    },
  };
}
