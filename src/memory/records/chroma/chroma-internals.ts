import type { ChromaClient } from "chromadb";
import { installedVersion, requireTestedVersion, versionOfEntry } from "../../../config/dependency-version.js";
import { DependencyVersionError } from "../../../config/errors.js";
import type { SqliteDatabase } from "../../ledger/sqlite.js";
import { chromaBindingPackage, resolveChromaBinding } from "./chroma-binding.js";

/** The chromadb client release whose private HTTP client this file reaches into, as tested (pinned with `~`). */
export const CHROMADB_TESTED_VERSION = "3.5.0";
/** The Chroma server (native binding) release whose `chroma.sqlite3` tables this file writes to, as tested. */
export const CHROMA_SERVER_TESTED_VERSION = "1.0.5";

/** A fetch as the chromadb client calls it. */
export type ChromaFetch = (request: Request) => Promise<Response>;

/** The part of chromadb's private HTTP client memoria uses. */
export interface ChromaHttpClient {
  getConfig(): { fetch?: ChromaFetch };
  setConfig(config: { fetch: ChromaFetch }): unknown;
}

/** Throws DependencyVersionError unless the installed chromadb client is the tested minor release. */
export function checkChromaClientVersion(installed = installedVersion("chromadb", import.meta.url)): void {
  requireTestedVersion("chromadb", CHROMADB_TESTED_VERSION, installed, "the client's private apiClient fetch, for request timeouts");
}

/** Throws DependencyVersionError unless the embedded Chroma server binding is the tested minor release. */
export function checkChromaServerVersion(installed = versionOfEntry(chromaBindingPackage(), resolveChromaBinding())): void {
  requireTestedVersion("Chroma server", CHROMA_SERVER_TESTED_VERSION, installed, "chroma.sqlite3's log tables, for erasure");
}

/**
 * The private HTTP client of a chromadb client (its collections share it), whose fetch can be read and replaced;
 * DependencyVersionError when the installed chromadb is not the tested release or has no such client.
 */
export function chromaHttpClient(client: ChromaClient): ChromaHttpClient {
  checkChromaClientVersion();
  const api = (client as unknown as { apiClient?: Partial<ChromaHttpClient> }).apiClient;
  if (typeof api?.getConfig !== "function" || typeof api.setConfig !== "function")
    throw new DependencyVersionError(`This chromadb client has no apiClient.getConfig/setConfig (tested with ${CHROMADB_TESTED_VERSION}).`);
  return api as ChromaHttpClient;
}

/** Chroma's operation code for a delete in its write-ahead log (embeddings_queue). */
const DELETE_OP = 3;

const LOG_COLUMNS: Record<string, string[]> = {
  embeddings_queue: ["seq_id", "operation", "topic", "id", "metadata"],
  max_seq_id: ["segment_id", "seq_id"],
  segments: ["id", "scope", "collection"],
  embedding_fulltext_search: [],
};

/** Throws DependencyVersionError unless `chroma.sqlite3` has the tables and columns the scrub reads and writes. */
export function checkChromaLogSchema(db: SqliteDatabase): void {
  const missing = Object.entries(LOG_COLUMNS).flatMap(([table, columns]) => {
    const found = new Set((db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]).map((c) => c.name));
    return found.size === 0 ? [`table ${table}`] : columns.filter((c) => !found.has(c)).map((c) => `${table}.${c}`);
  });
  if (missing.length > 0)
    throw new DependencyVersionError(
      `chroma.sqlite3 lacks ${missing.join(", ")}: it was not written by the Chroma server memoria was tested with (${CHROMA_SERVER_TESTED_VERSION}).`,
    );
}

/**
 * Blanks the metadata (where Chroma keeps the document) of log rows whose record a later log row deletes and the metadata
 * segment has already applied; the vectors stay, so Chroma can still replay its index. Returns the rows blanked.
 */
export function scrubDeletedLogRows(db: SqliteDatabase): number {
  checkChromaLogSchema(db);
  return db
    .prepare(
      `UPDATE embeddings_queue SET metadata = NULL WHERE metadata IS NOT NULL AND operation <> ${DELETE_OP} AND seq_id <= (
          SELECT m.seq_id FROM max_seq_id m JOIN segments s ON s.id = m.segment_id
          WHERE s.scope = 'METADATA' AND embeddings_queue.topic LIKE '%/' || s.collection) AND EXISTS (
          SELECT 1 FROM embeddings_queue d WHERE d.topic = embeddings_queue.topic AND d.id = embeddings_queue.id AND d.operation = ${DELETE_OP} AND d.seq_id > embeddings_queue.seq_id)`,
    )
    .run().changes;
}

/** Merges Chroma's full-text index (an FTS5 table), so the text of deleted rows leaves its segments. */
export function optimizeChromaFullText(db: SqliteDatabase): void {
  db.exec("INSERT INTO embedding_fulltext_search(embedding_fulltext_search) VALUES('optimize')");
}
