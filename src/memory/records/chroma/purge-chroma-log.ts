import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DependencyVersionError, StorageError } from "../../../config/errors.js";
import type { SqliteDatabase } from "../../ledger/sqlite.js";
import { checkChromaServerVersion, optimizeChromaFullText, scrubDeletedLogRows } from "./chroma-internals.js";

/** What a purge of the embedded Chroma's files removed. */
export interface ChromaPurgeReport {
  /** Log rows whose document and metadata were blanked because a later delete removed their record. */
  scrubbedLogRows: number;
}

/**
 * Erases deleted records' text from an embedded Chroma's `chroma.sqlite3`, which Chroma 1.0 keeps in its log table
 * `embeddings_queue` until the vector index is persisted, and in freed pages. Only runs while Chroma is stopped: it blanks
 * the document and metadata of log rows whose record a later log row deletes and the metadata segment has already applied
 * (the vectors stay, so Chroma can still replay its index), merges the full-text index, then rewrites the file (VACUUM) so
 * no freed page keeps old text.
 */
export function purgeChromaLog(chromaDir: string): ChromaPurgeReport {
  const path = join(chromaDir, "chroma.sqlite3");
  if (!existsSync(path)) return { scrubbedLogRows: 0 };
  checkChromaServerVersion();
  let db: SqliteDatabase | undefined;
  try {
    const Database = createRequire(import.meta.url)("better-sqlite3") as new (path: string) => SqliteDatabase;
    db = new Database(path);
    db.pragma("secure_delete = ON");
    const scrubbed = scrubDeletedLogRows(db);
    const freed = (db.pragma("freelist_count") as { freelist_count: number }[])[0]?.freelist_count ?? 0;
    if (scrubbed > 0 || freed > 0) {
      optimizeChromaFullText(db);
      db.exec("VACUUM");
    }
    return { scrubbedLogRows: scrubbed };
  } catch (error) {
    if (error instanceof DependencyVersionError) throw error;
    throw new StorageError(`Could not purge deleted text from Chroma's files in ${chromaDir}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    db?.close();
  }
}
