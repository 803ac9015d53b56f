import type { PgClientLike, PgPoolLike } from "./pg-pool.js";

/** Which checkpoint threads belong to which user, in Postgres so every replica sees every thread. */
export class PgThreadRegistry {
  private readonly table: string;

  constructor(
    private readonly pool: PgPoolLike,
    prefix: string,
  ) {
    this.table = `"${prefix}_user_threads"`;
  }

  /** Creates the table if missing. */
  async setup(client: PgClientLike = this.pool): Promise<void> {
    await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      user_id TEXT NOT NULL, thread_id TEXT NOT NULL, first_seen TEXT NOT NULL, PRIMARY KEY (user_id, thread_id))`);
  }

  /** Records that a user ran on a thread (idempotent). */
  async register(userId: string, threadId: string, at = new Date().toISOString()): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.table} (user_id, thread_id, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      userId,
      threadId,
      at,
    ]);
  }

  /** The thread ids a user ran on, oldest first. */
  async threadsOf(userId: string): Promise<string[]> {
    const res = await this.pool.query<{ thread_id: string }>(
      `SELECT thread_id FROM ${this.table} WHERE user_id = $1 ORDER BY first_seen, thread_id`,
      [userId],
    );
    return res.rows.map((r) => r.thread_id);
  }

  /** Forgets a user's threads; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM ${this.table} WHERE user_id = $1`, [userId])).rowCount ?? 0;
  }
}
