import type { IndexedRows } from "./indexed-rows.js";
import type { MemoryRecord } from "../types.js";
import { putInChunks } from "./put-in-chunks.js";

/**
 * Stores complete records for a user as they are (ids and every field kept): rows that exist are overwritten, new ones added in
 * chunks. All or nothing: on failure the rows written are removed and the ones overwritten restored.
 */
export async function importRows(rows: IndexedRows, userId: string, records: MemoryRecord[]): Promise<void> {
  const owned = records.map((r) => ({ ...r, userId }));
  const previous = await rows.byIds(
    owned.map((r) => r.id),
    userId,
  );
  const overwritten = new Set(previous.map((r) => r.id));
  try {
    await rows.put(owned.filter((r) => overwritten.has(r.id)));
    await putInChunks(
      rows,
      owned.filter((r) => !overwritten.has(r.id)),
      { fresh: true },
    );
  } catch (error) {
    await rows.remove(
      owned.map((r) => r.id),
      userId,
    );
    await rows.put(previous);
    throw error;
  }
}

/** Undoes an import: removes the given rows of the user and puts back the ones they had overwritten. */
export async function unimportRows(rows: IndexedRows, userId: string, ids: string[], previous: MemoryRecord[]): Promise<void> {
  await rows.remove(
    (await rows.byIds(ids, userId)).map((r) => r.id),
    userId,
  );
  await rows.put(previous);
}
