import type { MemoryRecord } from "../types.js";
import type { SqliteDatabase } from "./sqlite.js";

/** A memory row accepted but not yet in Chroma: the full record, its embedding and the embedder model that made it. */
export interface OutboxEntry {
  record: MemoryRecord;
  vector: number[];
  model: string;
}

/** An entry read back from the outbox, with its position. */
export interface PendingEntry extends OutboxEntry {
  seq: number;
}

interface Row {
  seq: number;
  record: string;
  vector: Buffer;
  model: string;
}

const toBlob = (vector: number[]): Buffer => Buffer.from(Float64Array.from(vector).buffer);
const fromBlob = (blob: Buffer): number[] => Array.from(new Float64Array(Uint8Array.from(blob).buffer));

/** Durable queue of memory rows on their way to Chroma (write-behind); a row is deleted once Chroma accepted it. */
export class WriteOutbox {
  private inserter?: ReturnType<SqliteDatabase["prepare"]>;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS memory_outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, memory_id TEXT NOT NULL, user_id TEXT NOT NULL, record TEXT NOT NULL, vector BLOB NOT NULL, model TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS memory_outbox_user ON memory_outbox(user_id);
      CREATE INDEX IF NOT EXISTS memory_outbox_memory ON memory_outbox(memory_id);`);
  }

  /** Appends entries in one transaction, with `alongside` (e.g. the history events of the same ledger) in it. */
  append(entries: OutboxEntry[], alongside?: () => void): void {
    const insert = (this.inserter ??= this.db.prepare(
      "INSERT INTO memory_outbox (memory_id, user_id, record, vector, model) VALUES (?, ?, ?, ?, ?)",
    ));
    this.db.transaction(() => {
      alongside?.();
      for (const { record, vector, model } of entries) insert.run(record.id, record.userId, JSON.stringify(record), toBlob(vector), model);
    })();
  }

  /** The oldest entries, at most limit. */
  oldest(limit: number): PendingEntry[] {
    const rows = this.db.prepare("SELECT seq, record, vector, model FROM memory_outbox ORDER BY seq LIMIT ?").all(limit) as Row[];
    return rows.map((r) => ({ seq: r.seq, record: JSON.parse(r.record) as MemoryRecord, vector: fromBlob(r.vector), model: r.model }));
  }

  /** Removes entries by position (after Chroma accepted them). */
  delete(seqs: number[]): void {
    const remove = this.db.prepare("DELETE FROM memory_outbox WHERE seq = ?");
    this.db.transaction(() => {
      for (const seq of seqs) remove.run(seq);
    })();
  }

  /** Drops every entry of the given memories; returns how many memories had one. */
  dropMemories(ids: string[]): number {
    const remove = this.db.prepare("DELETE FROM memory_outbox WHERE memory_id = ?");
    return this.db.transaction(() => ids.filter((id) => remove.run(id).changes > 0).length)();
  }

  /** Drops every entry of a user; returns how many memories had one. */
  dropUser(userId: string): number {
    return this.db.transaction(() => {
      const { n } = this.db.prepare("SELECT COUNT(DISTINCT memory_id) AS n FROM memory_outbox WHERE user_id = ?").get(userId) as {
        n: number;
      };
      this.db.prepare("DELETE FROM memory_outbox WHERE user_id = ?").run(userId);
      return n;
    })();
  }

  /** Number of entries waiting. */
  count(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM memory_outbox").get() as { n: number }).n;
  }
}
