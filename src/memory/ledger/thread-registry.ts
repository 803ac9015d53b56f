import { ThreadOwnershipError } from "../../config/errors.js";
import type { ThreadRegistry } from "./ledger-types.js";
import type { SqliteDatabase } from "./sqlite.js";

export type { ThreadRegistry } from "./ledger-types.js";

/** The thread registry in SQLite: a thread is bound to the first user that runs on it. */
export class SqliteThreadRegistry implements ThreadRegistry {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS user_threads (
      user_id TEXT NOT NULL, thread_id TEXT NOT NULL, first_seen TEXT NOT NULL, PRIMARY KEY (user_id, thread_id));
      CREATE INDEX IF NOT EXISTS user_threads_thread ON user_threads(thread_id);`);
  }

  /** The user a thread belongs to (the first one that ran on it), if any. */
  async ownerOf(threadId: string): Promise<string | undefined> {
    return this.owner(threadId);
  }

  private owner(threadId: string): string | undefined {
    const row = this.db.prepare("SELECT user_id FROM user_threads WHERE thread_id = ? ORDER BY first_seen, rowid LIMIT 1").get(threadId);
    return (row as { user_id: string } | undefined)?.user_id;
  }

  /** Binds a thread to the user on first use (idempotent for its owner); throws ThreadOwnershipError when another user owns it. */
  async register(userId: string, threadId: string, at = new Date().toISOString()): Promise<void> {
    this.db.transaction(() => {
      const owner = this.owner(threadId);
      if (owner !== undefined && owner !== userId) {
        throw new ThreadOwnershipError(`Thread "${threadId}" belongs to another user; start a new thread id for this user.`, {
          cause: { threadId, userId },
        });
      }
      this.db.prepare("INSERT OR IGNORE INTO user_threads (user_id, thread_id, first_seen) VALUES (?, ?, ?)").run(userId, threadId, at);
    })();
  }

  /** The thread ids a user owns, oldest first. */
  async threadsOf(userId: string): Promise<string[]> {
    const rows = this.db
      .prepare(
        `SELECT t.thread_id FROM user_threads t WHERE t.user_id = ? AND NOT EXISTS (
          SELECT 1 FROM user_threads o WHERE o.thread_id = t.thread_id AND o.user_id <> t.user_id
          AND (o.first_seen < t.first_seen OR (o.first_seen = t.first_seen AND o.rowid < t.rowid)))
        ORDER BY t.first_seen, t.thread_id`,
      )
      .all(userId);
    return (rows as { thread_id: string }[]).map((r) => r.thread_id);
  }

  /** Forgets a user's threads; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    return this.db.prepare("DELETE FROM user_threads WHERE user_id = ?").run(userId).changes;
  }
}
