import type { SqliteDatabase } from "./sqlite.js";

/** A persisted unit of background work. */
export interface QueuedJob {
  seq: number;
  userId: string;
  kind: string;
  payload: unknown;
  enqueuedAt: string;
}

interface Row {
  seq: number;
  user_id: string;
  kind: string;
  payload: string;
  enqueued_at: string;
}

const fromRow = (r: Row): QueuedJob => ({
  seq: r.seq,
  userId: r.user_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as unknown,
  enqueuedAt: r.enqueued_at,
});

/** A durable FIFO of background jobs in SQLite: a job stays until it is completed, so a crash or shutdown loses nothing. */
export class WorkQueue {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS work_queue (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, enqueued_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS work_queue_user ON work_queue(user_id);`);
  }

  /** Persists a job; returns it with its sequence number. */
  push(userId: string, kind: string, payload: unknown, at = new Date().toISOString()): QueuedJob {
    const res = this.db
      .prepare("INSERT INTO work_queue (user_id, kind, payload, enqueued_at) VALUES (?, ?, ?, ?)")
      .run(userId, kind, JSON.stringify(payload), at);
    return { seq: Number(res.lastInsertRowid), userId, kind, payload, enqueuedAt: at };
  }

  /** A job by sequence number, if it is still pending. */
  get(seq: number): QueuedJob | undefined {
    const row = this.db.prepare("SELECT * FROM work_queue WHERE seq = ?").get(seq) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Every pending job, oldest first (optionally of one user). */
  pending(userId?: string): QueuedJob[] {
    const rows =
      userId === undefined
        ? this.db.prepare("SELECT * FROM work_queue ORDER BY seq").all()
        : this.db.prepare("SELECT * FROM work_queue WHERE user_id = ? ORDER BY seq").all(userId);
    return (rows as Row[]).map(fromRow);
  }

  /** Marks a job done by removing it. */
  complete(seq: number): void {
    this.db.prepare("DELETE FROM work_queue WHERE seq = ?").run(seq);
  }

  /** Drops every pending job of a user; returns how many. */
  deleteUser(userId: string): number {
    return this.db.prepare("DELETE FROM work_queue WHERE user_id = ?").run(userId).changes;
  }
}
