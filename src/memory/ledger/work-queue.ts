import type { QueuedJob, WorkQueue } from "./ledger-types.js";
import type { SqliteDatabase } from "./sqlite.js";

export type { QueuedJob, WorkQueue } from "./ledger-types.js";

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

/**
 * The background queue in SQLite, for one process: claims live in this process, so the jobs a crashed process was running are
 * claimable again at the next start.
 */
export class SqliteWorkQueue implements WorkQueue {
  readonly leaseMs = Infinity;
  private readonly claimed = new Map<number, string>();

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS work_queue (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, enqueued_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS work_queue_user ON work_queue(user_id);`);
  }

  /** Persists a job; returns it with its sequence number. */
  async push(userId: string, kind: string, payload: unknown, at = new Date().toISOString()): Promise<QueuedJob> {
    const res = this.db
      .prepare("INSERT INTO work_queue (user_id, kind, payload, enqueued_at) VALUES (?, ?, ?, ?)")
      .run(userId, kind, JSON.stringify(payload), at);
    return { seq: Number(res.lastInsertRowid), userId, kind, payload, enqueuedAt: at };
  }

  /** Claims the oldest job of a kind whose user has no older job pending, unless this process already runs it. */
  async claim(kind: string, worker: string): Promise<QueuedJob | undefined> {
    const heads = this.db
      .prepare(
        `SELECT * FROM work_queue q WHERE q.kind = ? AND NOT EXISTS (SELECT 1 FROM work_queue o WHERE o.user_id = q.user_id AND o.seq < q.seq)
        ORDER BY q.seq`,
      )
      .all(kind) as Row[];
    const free = heads.find((r) => !this.claimed.has(r.seq));
    if (!free) return undefined;
    this.claimed.set(free.seq, worker);
    return fromRow(free);
  }

  /** Whether the job is still pending and claimed by this worker (the claim of a job gone is forgotten). */
  async renew(seq: number, worker: string): Promise<boolean> {
    if (this.db.prepare("SELECT 1 FROM work_queue WHERE seq = ?").get(seq) === undefined) this.claimed.delete(seq);
    return this.claimed.get(seq) === worker;
  }

  /** Gives a claimed job back to the queue. */
  async release(seq: number, worker: string): Promise<void> {
    if (this.claimed.get(seq) === worker) this.claimed.delete(seq);
  }

  /** Every pending job, oldest first (optionally of one user). */
  async pending(userId?: string): Promise<QueuedJob[]> {
    const rows =
      userId === undefined
        ? this.db.prepare("SELECT * FROM work_queue ORDER BY seq").all()
        : this.db.prepare("SELECT * FROM work_queue WHERE user_id = ? ORDER BY seq").all(userId);
    return (rows as Row[]).map(fromRow);
  }

  /** How many jobs are pending (optionally of one user). */
  async count(userId?: string): Promise<number> {
    const row =
      userId === undefined
        ? this.db.prepare("SELECT COUNT(*) AS n FROM work_queue").get()
        : this.db.prepare("SELECT COUNT(*) AS n FROM work_queue WHERE user_id = ?").get(userId);
    return (row as { n: number }).n;
  }

  /** Marks a job done by removing it; false when it was already gone. */
  async complete(seq: number): Promise<boolean> {
    this.claimed.delete(seq);
    return this.db.prepare("DELETE FROM work_queue WHERE seq = ?").run(seq).changes > 0;
  }

  /** Drops every pending job of a user; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    return this.db.prepare("DELETE FROM work_queue WHERE user_id = ?").run(userId).changes;
  }
}
