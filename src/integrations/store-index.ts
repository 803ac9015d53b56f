import type { SqliteDatabase } from "../memory/ledger/sqlite.js";
import { openSqlite } from "../memory/ledger/sqlite.js";

/** One store key of one user and the memory holding its text. */
export interface StoreKeyRow {
  userId: string;
  key: string;
  memoryId: string;
  /** The value's fields other than the memory's own (content, type, ...), as JSON. */
  extra: Record<string, unknown>;
  /** Which memory fields the caller put, so get returns the value's own shape. */
  fields: string[];
}

/** The SQLite table mapping (user, key) to a memory id, beside the ledger. */
export class StoreIndex {
  private readonly db: SqliteDatabase;

  constructor(path: string) {
    this.db = openSqlite(path);
    this.db.exec(`CREATE TABLE IF NOT EXISTS store_keys (
      user_id TEXT NOT NULL, key TEXT NOT NULL, memory_id TEXT NOT NULL, extra TEXT NOT NULL, fields TEXT NOT NULL,
      PRIMARY KEY (user_id, key));
      CREATE INDEX IF NOT EXISTS store_keys_memory ON store_keys (memory_id);`);
  }

  private row(raw: unknown): StoreKeyRow | undefined {
    if (!raw) return undefined;
    const r = raw as { user_id: string; key: string; memory_id: string; extra: string; fields: string };
    return {
      userId: r.user_id,
      key: r.key,
      memoryId: r.memory_id,
      extra: JSON.parse(r.extra) as Record<string, unknown>,
      fields: JSON.parse(r.fields) as string[],
    };
  }

  /** The row of a user's key. */
  get(userId: string, key: string): StoreKeyRow | undefined {
    return this.row(this.db.prepare("SELECT * FROM store_keys WHERE user_id = ? AND key = ?").get(userId, key));
  }

  /** The rows of a user's memories, by memory id. */
  byMemory(userId: string, memoryIds: string[]): Map<string, StoreKeyRow> {
    const stmt = this.db.prepare("SELECT * FROM store_keys WHERE user_id = ? AND memory_id = ?");
    return new Map(memoryIds.flatMap((id) => stmt.all(userId, id).map((r) => this.row(r)!)).map((r) => [r.memoryId, r]));
  }

  /** How many keys of the user point at a memory. */
  references(userId: string, memoryId: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM store_keys WHERE user_id = ? AND memory_id = ?").get(userId, memoryId) as { n: number }
    ).n;
  }

  set(row: StoreKeyRow): void {
    this.db
      .prepare(
        "INSERT INTO store_keys (user_id, key, memory_id, extra, fields) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO UPDATE SET memory_id = excluded.memory_id, extra = excluded.extra, fields = excluded.fields",
      )
      .run(row.userId, row.key, row.memoryId, JSON.stringify(row.extra), JSON.stringify(row.fields));
  }

  remove(userId: string, key: string): void {
    this.db.prepare("DELETE FROM store_keys WHERE user_id = ? AND key = ?").run(userId, key);
  }

  /** Drops every row of a user whose memory is gone. */
  removeMemory(userId: string, memoryId: string): void {
    this.db.prepare("DELETE FROM store_keys WHERE user_id = ? AND memory_id = ?").run(userId, memoryId);
  }

  /** Every user with at least one key. */
  users(): string[] {
    return this.db
      .prepare("SELECT DISTINCT user_id FROM store_keys ORDER BY user_id")
      .all()
      .map((r) => (r as { user_id: string }).user_id);
  }

  /** Removes every row of a user. */
  deleteUser(userId: string): number {
    const removed = this.db.prepare("DELETE FROM store_keys WHERE user_id = ?").run(userId).changes;
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return removed;
  }

  close(): void {
    this.db.close();
  }
}
