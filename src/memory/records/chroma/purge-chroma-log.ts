import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { StorageError } from "../../../config/errors.js";
import type { SqliteDatabase } from "../../ledger/sqlite.js";

/** Chroma's operation code for a delete in its write-ahead log (embeddings_queue). */
const DELETE_OP = 3;

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
  let db: SqliteDatabase | undefined;
  try {
    const Database = createRequire(import.meta.url)("better-sqlite3") as new (path: string) => SqliteDatabase;
    db = new Database(path);
    db.pragma("secure_delete = ON");
    const scrubbed = db
      .prepare(
        `UPDATE embeddings_queue SET metadata = NULL WHERE metadata IS NOT NULL AND operation <> ${DELETE_OP} AND seq_id <= (
          SELECT m.seq_id FROM max_seq_id m JOIN segments s ON s.id = m.segment_id
          WHERE s.scope = 'METADATA' AND embeddings_queue.topic LIKE '%/' || s.collection) AND EXISTS (
          SELECT 1 FROM embeddings_queue d WHERE d.topic = embeddings_queue.topic AND d.id = embeddings_queue.id AND d.operation = ${DELETE_OP} AND d.seq_id > embeddings_queue.seq_id)`,
      )
      .run().changes;
    const freed = (db.pragma("freelist_count") as { freelist_count: number }[])[0]?.freelist_count ?? 0;
    if (scrubbed > 0 || freed > 0) {
      db.exec("INSERT INTO embedding_fulltext_search(embedding_fulltext_search) VALUES('optimize')");
      db.exec("VACUUM");
    }
    return { scrubbedLogRows: scrubbed };
  } catch (error) {
    throw new StorageError(`Could not purge deleted text from Chroma's files in ${chromaDir}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    db?.close();
  }
}
