import type { SqliteDatabase } from "./sqlite.js";

/** Which checkpoint threads belong to which user, recorded when a run starts, so a user's threads can be deleted. */
export class ThreadRegistry {
  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS user_threads (
      user_id TEXT NOT NULL, thread_id TEXT NOT NULL, first_seen TEXT NOT NULL, PRIMARY KEY (user_id, thread_id));`);
  }

  /** Records that a user ran on a thread (idempotent). */
  register(userId: string, threadId: string, at = new Date().toISOString()): void {
    this.db.prepare("INSERT OR IGNORE INTO user_threads (user_id, thread_id, first_seen) VALUES (?, ?, ?)").run(userId, threadId, at);
  }

  /** The thread ids a user ran on, oldest first. */
  threadsOf(userId: string): string[] {
    const rows = this.db.prepare("SELECT thread_id FROM user_threads WHERE user_id = ? ORDER BY first_seen, thread_id").all(userId);
    return (rows as { thread_id: string }[]).map((r) => r.thread_id);
  }

  /** Forgets a user's threads; returns how many. */
  deleteUser(userId: string): number {
    return this.db.prepare("DELETE FROM user_threads WHERE user_id = ?").run(userId).changes;
  }
}
