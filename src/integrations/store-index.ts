import type { SqliteDatabase } from "../memory/ledger/sqlite.js";
import { openSqlite } from "../memory/ledger/sqlite.js";

/** One store key of one user (in a sub-namespace of the user's namespace) and the memory holding its text. */
export interface StoreKeyRow {
  userId: string;
  /** The labels after `[root, userId]` (empty for the user's own namespace). */
  sub: string[];
  key: string;
  /** The memory holding the item's text; null for an item put with `index: false` (its whole value is in `extra`). */
  memoryId: string | null;
  /** Times of an item put with `index: false` (an indexed item's are its memory's). */
  createdAt?: string;
  updatedAt?: string;
  /** The value's fields other than the memory's own (content, type, ...), as JSON. */
  extra: Record<string, unknown>;
  /** Which memory fields the caller put, so get returns the value's own shape. */
  fields: string[];
}

const CREATE = `CREATE TABLE IF NOT EXISTS store_items (
  user_id TEXT NOT NULL, sub TEXT NOT NULL, key TEXT NOT NULL, memory_id TEXT, extra TEXT NOT NULL, fields TEXT NOT NULL,
  created_at TEXT, updated_at TEXT,
  PRIMARY KEY (user_id, sub, key));
  CREATE INDEX IF NOT EXISTS store_items_memory ON store_items (user_id, memory_id);`;

/** The SQLite table mapping (user, sub-namespace, key) to a memory id, beside the ledger; a file with the older store_keys table is migrated on open. */
export class StoreIndex {
  private readonly db: SqliteDatabase;

  constructor(path: string) {
    this.db = openSqlite(path);
    this.db.transaction(() => {
      this.db.exec(CREATE);
      const old = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'store_keys'").get();
      if (!old) return;
      this.db.exec(
        `INSERT OR IGNORE INTO store_items SELECT user_id, '[]', key, memory_id, extra, fields, NULL, NULL FROM store_keys; DROP TABLE store_keys;`,
      );
    })();
  }

  private row(raw: unknown): StoreKeyRow | undefined {
    if (!raw) return undefined;
    const r = raw as {
      user_id: string;
      sub: string;
      key: string;
      memory_id: string | null;
      extra: string;
      fields: string;
      created_at: string | null;
      updated_at: string | null;
    };
    return {
      userId: r.user_id,
      sub: JSON.parse(r.sub) as string[],
      key: r.key,
      memoryId: r.memory_id,
      extra: JSON.parse(r.extra) as Record<string, unknown>,
      fields: JSON.parse(r.fields) as string[],
      ...(r.created_at ? { createdAt: r.created_at } : {}),
      ...(r.updated_at ? { updatedAt: r.updated_at } : {}),
    };
  }

  /** The row of a user's key in a sub-namespace. */
  get(userId: string, sub: string[], key: string): StoreKeyRow | undefined {
    return this.row(
      this.db.prepare("SELECT * FROM store_items WHERE user_id = ? AND sub = ? AND key = ?").get(userId, JSON.stringify(sub), key),
    );
  }

  /** Every row of each of a user's memories, by memory id. */
  byMemory(userId: string, memoryIds: string[]): Map<string, StoreKeyRow[]> {
    const stmt = this.db.prepare("SELECT * FROM store_items WHERE user_id = ? AND memory_id = ? ORDER BY sub, key");
    return new Map(memoryIds.map((id) => [id, stmt.all(userId, id).map((r) => this.row(r)!)]));
  }

  /** How many keys of the user point at a memory. */
  references(userId: string, memoryId: string): number {
    return (
      this.db.prepare("SELECT COUNT(*) AS n FROM store_items WHERE user_id = ? AND memory_id = ?").get(userId, memoryId) as { n: number }
    ).n;
  }

  set(row: StoreKeyRow): void {
    this.db
      .prepare(
        `INSERT INTO store_items (user_id, sub, key, memory_id, extra, fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, sub, key) DO UPDATE SET memory_id = excluded.memory_id, extra = excluded.extra, fields = excluded.fields,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      )
      .run(
        row.userId,
        JSON.stringify(row.sub),
        row.key,
        row.memoryId,
        JSON.stringify(row.extra),
        JSON.stringify(row.fields),
        row.createdAt ?? null,
        row.updatedAt ?? null,
      );
  }

  remove(userId: string, sub: string[], key: string): void {
    this.db.prepare("DELETE FROM store_items WHERE user_id = ? AND sub = ? AND key = ?").run(userId, JSON.stringify(sub), key);
  }

  /** A user's items put with `index: false`, newest first. */
  unindexed(userId: string): StoreKeyRow[] {
    return this.db
      .prepare("SELECT * FROM store_items WHERE user_id = ? AND memory_id IS NULL ORDER BY updated_at DESC, sub, key")
      .all(userId)
      .map((r) => this.row(r)!);
  }

  /** Drops every row of a user whose memory is gone. */
  removeMemory(userId: string, memoryId: string): void {
    this.db.prepare("DELETE FROM store_items WHERE user_id = ? AND memory_id = ?").run(userId, memoryId);
  }

  /** Every (user, sub-namespace) holding at least one key, ordered by user then sub-namespace. */
  namespaces(): { userId: string; sub: string[] }[] {
    return this.db
      .prepare("SELECT DISTINCT user_id, sub FROM store_items ORDER BY user_id, sub")
      .all()
      .map((r) => ({ userId: (r as { user_id: string }).user_id, sub: JSON.parse((r as { sub: string }).sub) as string[] }));
  }

  /** Removes every row of a user. */
  deleteUser(userId: string): number {
    const removed = this.db.prepare("DELETE FROM store_items WHERE user_id = ?").run(userId).changes;
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return removed;
  }

  close(): void {
    this.db.close();
  }
}
