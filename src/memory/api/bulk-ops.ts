import { ConfigError, InvalidInputError } from "../../config/errors.js";
import { parseFilter, type SearchFilters } from "../filters/parse-filter.js";
import { FIELD_LIMITS, MemoryPatchSchema, describeIssues, type MemoryPatchInput } from "../field-limits.js";
import type { MemoryRecord } from "../types.js";
import type { MemoryApiDeps } from "./memory-api-types.js";
import { scopedWhere, type ScopeOptions } from "./scope.js";

/** Most ids one updateMany or deleteMany call takes. */
export const BULK_LIMIT = 1_000;

/** One change of `MemoryApi.updateMany`. */
export interface BulkUpdate {
  id: string;
  patch: MemoryPatchInput;
}

const checkIds = (ids: unknown, call: string): string[] => {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || !id || id.length > FIELD_LIMITS.sourceId))
    throw new InvalidInputError(`${call} needs a list of memory ids.`);
  if (ids.length > BULK_LIMIT) throw new InvalidInputError(`${call} takes at most ${BULK_LIMIT} ids per call; got ${ids.length}.`);
  return [...new Set(ids as string[])];
};

/** Deletes the user's memories with these ids (others' and missing ids are skipped), each with its history DELETE event and erasure; returns the ids deleted. */
export async function deleteMany(deps: MemoryApiDeps, userId: string, ids: unknown, now: string): Promise<string[]> {
  const owned = (await deps.memory.getMany(checkIds(ids, "deleteMany"))).filter((r) => r.userId === userId);
  const deleted: string[] = [];
  for (const r of owned) if (await deps.memory.remove(r.id, now)) deleted.push(r.id);
  return deleted;
}

/** Deletes every memory of the user matching the filters (current and superseded), like deleteMany; returns the ids deleted. */
export async function deleteAll(
  deps: MemoryApiDeps,
  userId: string,
  filters: SearchFilters | undefined,
  now: string,
  scope: ScopeOptions = {},
): Promise<string[]> {
  const { where } = parseFilter(filters, "deleteAll filters");
  const ids = (await deps.memory.all({ userId, where: scopedWhere(scope, where) })).map((m) => m.id);
  const deleted: string[] = [];
  for (let i = 0; i < ids.length; i += BULK_LIMIT) deleted.push(...(await deleteMany(deps, userId, ids.slice(i, i + BULK_LIMIT), now)));
  return deleted;
}

/** Checks every change first (nothing is written when one is invalid or names a memory the user does not have), then applies them in order. */
export async function updateMany(
  deps: MemoryApiDeps,
  userId: string,
  updates: BulkUpdate[],
  update: (id: string, patch: MemoryPatchInput) => Promise<MemoryRecord>,
): Promise<MemoryRecord[]> {
  if (!Array.isArray(updates)) throw new InvalidInputError("updateMany needs a list of { id, patch }.");
  const ids = checkIds(
    updates.map((u) => u?.id),
    "updateMany",
  );
  if (ids.length !== updates.length) throw new InvalidInputError("updateMany names a memory more than once.");
  updates.forEach((u, i) => {
    const parsed = MemoryPatchSchema.safeParse(u.patch);
    if (!parsed.success) throw new InvalidInputError(`Invalid updateMany item ${i}: ${describeIssues(parsed.error)}`);
  });
  const owned = new Set((await deps.memory.getMany(ids)).filter((r) => r.userId === userId).map((r) => r.id));
  const missing = ids.filter((id) => !owned.has(id));
  if (missing.length) throw new InvalidInputError(`updateMany changed nothing: no memory with id ${missing.slice(0, 5).join(", ")}.`);
  const out: MemoryRecord[] = [];
  for (const u of updates) out.push(await update(u.id, u.patch));
  return out;
}

/** Every user with memories, read from the store (for reset). */
export async function usersWithMemories(deps: MemoryApiDeps): Promise<string[]> {
  if (!deps.allowReset)
    throw new ConfigError("reset() erases every user's data: it runs only when allowed (createMemoria({ allowReset: true })).");
  return deps.memory.userIds();
}
