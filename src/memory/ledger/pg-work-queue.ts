import type { PgClientLike, PgPoolLike } from "./pg-pool.js";
import type { QueuedJob, WorkQueue } from "./ledger-types.js";

interface Row {
  seq: string;
  user_id: string;
  kind: string;
  payload: unknown;
  enqueued_at: string;
}

const fromRow = (r: Row): QueuedJob => ({
  seq: Number(r.seq),
  userId: r.user_id,
  kind: r.kind,
  payload: r.payload,
  enqueuedAt: r.enqueued_at,
});

/**
 * The background queue in Postgres, shared by replicas: a job is claimed by one worker at a time (FOR UPDATE SKIP LOCKED),
 * only the oldest job of a user is claimable (per-user order), and a claim older than the lease is taken over (a dead worker).
 */
export class PgWorkQueue implements WorkQueue {
  private readonly table: string;

  constructor(
    private readonly pool: PgPoolLike,
    prefix: string,
    readonly leaseMs = 5 * 60_000,
  ) {
    this.table = `"${prefix}_work_queue"`;
  }

  /** Creates the table if missing. */
  async setup(client: PgClientLike = this.pool): Promise<void> {
    await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      seq BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL, payload JSONB NOT NULL, enqueued_at TEXT NOT NULL,
      claimed_by TEXT, claimed_at TIMESTAMPTZ)`);
    await client.query(`CREATE INDEX IF NOT EXISTS "${this.table.slice(1, -1)}_user" ON ${this.table} (user_id, seq)`);
  }

  /** Persists a job; returns it with its sequence number. */
  async push(userId: string, kind: string, payload: unknown, at = new Date().toISOString()): Promise<QueuedJob> {
    const res = await this.pool.query<{ seq: string }>(
      `INSERT INTO ${this.table} (user_id, kind, payload, enqueued_at) VALUES ($1, $2, $3, $4) RETURNING seq`,
      [userId, kind, JSON.stringify(payload), at],
    );
    return { seq: Number(res.rows[0]!.seq), userId, kind, payload, enqueuedAt: at };
  }

  /** Claims the oldest claimable job of a kind for a worker, or undefined when none is free. */
  async claim(kind: string, worker: string): Promise<QueuedJob | undefined> {
    const res = await this.pool.query<Row>(
      `UPDATE ${this.table} SET claimed_by = $2, claimed_at = now() WHERE seq = (
        SELECT q.seq FROM ${this.table} q
        WHERE q.kind = $1 AND (q.claimed_at IS NULL OR q.claimed_at < now() - make_interval(secs => $3::double precision / 1000))
          AND NOT EXISTS (SELECT 1 FROM ${this.table} o WHERE o.user_id = q.user_id AND o.seq < q.seq)
        ORDER BY q.seq FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING seq, user_id, kind, payload, enqueued_at`,
      [kind, worker, this.leaseMs],
    );
    return res.rows[0] ? fromRow(res.rows[0]) : undefined;
  }

  /** Extends a worker's claim (call it well within the lease while the job runs); false when the job is gone or was taken over. */
  async renew(seq: number, worker: string): Promise<boolean> {
    const res = await this.pool.query(`UPDATE ${this.table} SET claimed_at = now() WHERE seq = $1 AND claimed_by = $2`, [seq, worker]);
    return (res.rowCount ?? 0) > 0;
  }

  /** Gives a claimed job back, so any replica can claim it at once. */
  async release(seq: number, worker: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET claimed_by = NULL, claimed_at = NULL WHERE seq = $1 AND claimed_by = $2`, [
      seq,
      worker,
    ]);
  }

  /** Every pending job, oldest first (optionally of one user). */
  async pending(userId?: string): Promise<QueuedJob[]> {
    const sql = `SELECT seq, user_id, kind, payload, enqueued_at FROM ${this.table}${userId === undefined ? "" : " WHERE user_id = $1"} ORDER BY seq`;
    return (await this.pool.query<Row>(sql, userId === undefined ? [] : [userId])).rows.map(fromRow);
  }

  /** How many jobs are pending (optionally of one user). */
  async count(userId?: string): Promise<number> {
    const sql = `SELECT COUNT(*) AS n FROM ${this.table}${userId === undefined ? "" : " WHERE user_id = $1"}`;
    return Number((await this.pool.query<{ n: string }>(sql, userId === undefined ? [] : [userId])).rows[0]!.n);
  }

  /** Marks a job done by removing it; false when it was already gone (completed elsewhere or its user deleted). */
  async complete(seq: number): Promise<boolean> {
    return ((await this.pool.query(`DELETE FROM ${this.table} WHERE seq = $1`, [seq])).rowCount ?? 0) > 0;
  }

  /** Drops every pending job of a user; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM ${this.table} WHERE user_id = $1`, [userId])).rowCount ?? 0;
  }
}
