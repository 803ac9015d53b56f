import { createRequire } from "node:module";
import { StorageError } from "../../config/errors.js";

/** The subset of a better-sqlite3 prepared statement memoria uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The subset of a better-sqlite3 database memoria uses. */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

type SqliteConstructor = new (path: string) => SqliteDatabase;

/** Opens a SQLite file with better-sqlite3 (the driver the SQLite checkpointer already uses), in WAL mode. */
export function openSqlite(path: string): SqliteDatabase {
  try {
    const Database = createRequire(import.meta.url)("better-sqlite3") as SqliteConstructor;
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("secure_delete = ON");
    return db;
  } catch (error) {
    throw new StorageError(`Could not open the memoria ledger at ${path}: ${(error as Error).message}`, { cause: error });
  }
}
