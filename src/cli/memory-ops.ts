import { readFile, writeFile } from "node:fs/promises";
import { InvalidInputError } from "../config/errors.js";
import type { Memoria } from "../graph/create-memoria.js";
import type { EntityRecord, MemoryRecord, ScoredMemory } from "../memory/types.js";

/** What /forget removed. */
export interface Forgotten {
  id: string;
  text: string;
}

/** Counts reported by /export and /import. */
export interface TransferCounts {
  memories: number;
  entities: number;
  history: number;
}

/** The memory operations the REPL's slash commands need, over one memoria instance. */
export interface MemoryOps {
  list(userId: string): Promise<MemoryRecord[]>;
  search(userId: string, query: string): Promise<ScoredMemory[]>;
  entities(userId: string): Promise<EntityRecord[]>;
  profile(userId: string): Promise<string>;
  forget(userId: string, idOrText: string): Promise<Forgotten | undefined>;
  forgetEntity(userId: string, name: string): Promise<EntityRecord | undefined>;
  exportTo(userId: string, file: string): Promise<TransferCounts>;
  importFrom(userId: string, file: string): Promise<TransferCounts>;
}

const LIST_LIMIT = 1_000;

/** Memory operations over the memory API (memoria.api). */
export function createMemoryOps(memoria: Memoria): MemoryOps {
  const { api } = memoria;
  const list = async (userId: string) => (await api.list({ userId, limit: LIST_LIMIT, kind: "fact" })).items;
  return {
    list,
    search: (userId, query) => api.search(query, { userId, limit: 10 }),
    entities: (userId) => api.entities(userId),
    forgetEntity: (userId, name) => api.deleteEntity(userId, name),
    profile: (userId) => api.profile(userId),
    async forget(userId, idOrText) {
      const needle = idOrText.trim();
      const memories = await list(userId);
      const exact = memories.find((m) => m.id === needle);
      const containing = exact ? [exact] : memories.filter((m) => m.content.toLowerCase().includes(needle.toLowerCase()));
      if (containing.length > 1) {
        const options = containing.map((m) => `  [${m.id.slice(0, 8)}] ${m.content}`).join("\n");
        throw new InvalidInputError(`"${needle}" is in ${containing.length} memories; use an id from /memories:\n${options}`);
      }
      const [best] = containing.length ? containing : await api.search(needle, { userId, limit: 1, minScore: 0.5 });
      if (!best || best.userId !== userId) return undefined;
      return (await api.delete(best.id, { userId })) ? { id: best.id, text: best.content } : undefined;
    },
    async exportTo(userId, file) {
      const data = await api.export(userId);
      await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
      return { memories: data.memories.length, entities: data.entities.length, history: data.history.length };
    },
    async importFrom(userId, file) {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        throw new InvalidInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      return api.import(userId, text);
    },
  };
}
