import { z } from "zod";
import { InvalidInputError } from "../config/errors.js";
import type { MemoryApi } from "../memory/api/memory-api.js";
import { DEFAULTS } from "../memory/defaults.js";
import { FIELD_LIMITS } from "../memory/field-limits.js";
import { MemoryType, type MemoryRecord } from "../memory/types.js";

/** Arguments of save_memory (no user id: the user comes from the run); limits are the API's (FIELD_LIMITS). */
export const SaveMemoryArgs = z.object({
  content: z
    .string()
    .trim()
    .min(1)
    .max(FIELD_LIMITS.content)
    .describe("The fact, preference or task to remember, as one short sentence about the user."),
  type: MemoryType.optional().describe("fact, preference or task"),
  category: z
    .string()
    .trim()
    .min(1)
    .max(FIELD_LIMITS.category)
    .optional()
    .describe("e.g. personal, work, health, hobby, food, travel, relationships"),
});
/** Arguments of search_memory. */
export const SearchMemoryArgs = z.object({
  query: z.string().trim().min(1).max(4000).describe("What to look for in the user's memories."),
  limit: z.number().int().min(1).max(50).optional().describe(`How many memories to return (default ${DEFAULTS.searchLimit}).`),
});
/** Arguments of update_memory. */
export const UpdateMemoryArgs = z.object({
  memoryId: z.string().trim().min(1).max(200).describe("Id of the memory to change, as search_memory returned it."),
  content: z.string().trim().min(1).max(FIELD_LIMITS.content).describe("The corrected text of the memory."),
});
/** Arguments of forget_memory. */
export const ForgetMemoryArgs = z.object({
  memoryId: z.string().trim().min(1).max(200).describe("Id of the memory to delete, as search_memory returned it."),
});

/** The part of the memory API the tools use. */
export type MemoryToolsApi = Pick<MemoryApi, "add" | "search" | "get" | "update" | "delete">;

/** Options shared by the LangChain tools and the MCP server. */
export interface MemoryActionOptions {
  /** true (default): save_memory extracts and reconciles like post-reply extraction; false: stores the text as is. */
  infer?: boolean;
  /** Default number of search results (the API's, DEFAULTS.searchLimit). */
  searchLimit?: number;
}

/** What a tool call is about: the user (from the run, never from arguments) and the thread, if any. */
export interface ActionScope {
  userId: string;
  threadId?: string;
}

const view = (m: MemoryRecord) => ({ id: m.id, kind: m.kind ?? "fact", content: m.content, type: m.type, category: m.category });

/** The four memory actions behind save_memory, search_memory, update_memory and forget_memory, scoped to one user. */
export function createMemoryActions(api: MemoryToolsApi, options: MemoryActionOptions = {}) {
  const owned = async (scope: ActionScope, memoryId: string): Promise<MemoryRecord> => {
    const record = await api.get(memoryId, { userId: scope.userId });
    if (!record) throw new InvalidInputError(`No memory with id ${memoryId}.`);
    return record;
  };
  return {
    async save(scope: ActionScope, raw: unknown) {
      const args = SaveMemoryArgs.parse(raw);
      const metadata = { threadId: scope.threadId, type: args.type, category: args.category };
      let outcomes = await api.add(args.content, { userId: scope.userId, infer: options.infer ?? true, metadata });
      if (outcomes.length === 0) outcomes = await api.add(args.content, { userId: scope.userId, infer: false, metadata });
      return {
        saved: outcomes.map((o) => ({ action: o.action, id: o.id ?? null, content: o.content, ...(o.error ? { error: o.error } : {}) })),
      };
    },
    async search(scope: ActionScope, raw: unknown) {
      const args = SearchMemoryArgs.parse(raw);
      const found = await api.search(args.query, { userId: scope.userId, limit: args.limit ?? options.searchLimit });
      return { memories: found.map((m) => ({ ...view(m), score: Number(m.score.toFixed(4)), why: m.why })) };
    },
    async update(scope: ActionScope, raw: unknown) {
      const args = UpdateMemoryArgs.parse(raw);
      await owned(scope, args.memoryId);
      return { updated: view(await api.update(args.memoryId, { content: args.content }, { userId: scope.userId })) };
    },
    async forget(scope: ActionScope, raw: unknown) {
      const args = ForgetMemoryArgs.parse(raw);
      const record = await owned(scope, args.memoryId);
      return { forgotten: (await api.delete(args.memoryId, { userId: scope.userId })) ? view(record) : null };
    },
  };
}

/** The memory actions of createMemoryActions. */
export type MemoryActions = ReturnType<typeof createMemoryActions>;

/** Name, description and argument schema of each memory tool, shared by the LangChain tools and the MCP server. */
export const MEMORY_TOOL_SPECS = {
  save_memory: {
    action: "save",
    schema: SaveMemoryArgs,
    description:
      "Remember something about the user for future conversations. Reconciled with what is already known (duplicates merged, contradictions superseded).",
  },
  search_memory: {
    action: "search",
    schema: SearchMemoryArgs,
    description: "Search what is remembered about the user. Returns memories with their ids, scores and why they matched.",
  },
  update_memory: {
    action: "update",
    schema: UpdateMemoryArgs,
    description: "Correct one of the user's memories, named by the id search_memory returned.",
  },
  forget_memory: {
    action: "forget",
    schema: ForgetMemoryArgs,
    description: "Delete one of the user's memories, named by the id search_memory returned.",
  },
} as const;
