import type { Where } from "chromadb";
import { memoryWhere as whereOf } from "../../filters/chroma-where.js";
import type { MemoryFilter } from "../../types.js";

export type { MemoryFilter } from "../../types.js";

/** Builds the Chroma `where` clause for a memory filter (see filters/chroma-where: a pre-filter, exact unless `where` is set). */
export const memoryWhere = (filter: MemoryFilter): Where => whereOf(filter) as Where;
