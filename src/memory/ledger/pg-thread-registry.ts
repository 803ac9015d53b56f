import { ThreadOwnershipError } from "../../config/errors.js";
import type { ThreadRegistry } from "./ledger-types.js";
import { inPgTransaction, type PgClientLike, type PgPoolLike } from "./pg-pool.js";

/** Which checkpoint threads belong to which user, in Postgres so every replica sees every thread and its owner. */
export class PgThreadRegistry implements ThreadRegistry {
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
    await client.query(`CREATE INDEX IF NOT EXISTS "${this.table.slice(1, -1)}_thread" ON ${this.table} (thread_id)`);
  }

  /** The user a thread belongs to (the first one that ran on it), if any. */
  async ownerOf(threadId: string, client: PgClientLike = this.pool): Promise<string | undefined> {
    const res = await client.query<{ user_id: string }>(
      `SELECT user_id FROM ${this.table} WHERE thread_id = $1 ORDER BY first_seen, user_id LIMIT 1`,
      [threadId],
    );
    return res.rows[0]?.user_id;
  }

  /** Binds a thread to the user on first use (idempotent for its owner); a transaction lock on the thread id settles races between replicas. */
  async register(userId: string, threadId: string, at = new Date().toISOString()): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${this.table}:${threadId}`]);
      const owner = await this.ownerOf(threadId, client);
      if (owner !== undefined && owner !== userId) {
        throw new ThreadOwnershipError(`Thread "${threadId}" belongs to another user; start a new thread id for this user.`, {
          cause: { threadId, userId },
        });
      }
      if (owner === undefined) {
        await client.query(`INSERT INTO ${this.table} (user_id, thread_id, first_seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
          userId,
          threadId,
          at,
        ]);
      }
    });
  }

  /** The thread ids a user owns, oldest first. */
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
