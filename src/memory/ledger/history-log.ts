import type { HistoryEvent } from "../types.js";
import type { HistoryLog } from "./ledger-types.js";
import type { SqliteDatabase } from "./sqlite.js";

export type { HistoryActor, HistoryEvent } from "../types.js";
export type { HistoryLog } from "./ledger-types.js";

interface Row {
  memory_id: string;
  user_id: string;
  action: HistoryEvent["action"];
  related_id: string | null;
  content: string | null;
  actor: HistoryEvent["actor"];
  thread_id: string | null;
  at: string;
}

const fromRow = (r: Row): HistoryEvent => ({
  memoryId: r.memory_id,
  userId: r.user_id,
  action: r.action,
  relatedId: r.related_id,
  content: r.content,
  actor: r.actor,
  threadId: r.thread_id,
  at: r.at,
});

/** Audit trail of memory decisions in SQLite; erasures are checkpointed out of the WAL at once (secure_delete zeroes freed pages). */
export class SqliteHistoryLog implements HistoryLog {
  private inserter?: ReturnType<SqliteDatabase["prepare"]>;

  constructor(private readonly db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS memory_history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, memory_id TEXT NOT NULL, user_id TEXT NOT NULL, action TEXT NOT NULL,
      related_id TEXT, content TEXT, actor TEXT NOT NULL, thread_id TEXT, at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS memory_history_memory ON memory_history(memory_id);
      CREATE INDEX IF NOT EXISTS memory_history_user ON memory_history(user_id);`);
  }

  /** Appends events in one transaction. */
  async record(events: HistoryEvent[]): Promise<void> {
    this.insert(events);
  }

  /** Appends events at once (inside the caller's transaction on this database, if any). */
  recordSync(events: HistoryEvent[]): void {
    this.insert(events);
  }

  private insert(events: HistoryEvent[]): void {
    const insert = (this.inserter ??= this.db.prepare(
      "INSERT INTO memory_history (memory_id, user_id, action, related_id, content, actor, thread_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ));
    this.db.transaction(() => {
      for (const e of events) insert.run(e.memoryId, e.userId, e.action, e.relatedId, e.content, e.actor, e.threadId, e.at);
    })();
  }

  /** Records a deletion and erases every earlier text of that memory. */
  async recordDeletion(event: Omit<HistoryEvent, "action" | "content">): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare("UPDATE memory_history SET content = NULL WHERE memory_id = ?").run(event.memoryId);
      this.insert([{ ...event, action: "DELETE", content: null }]);
    })();
    this.flush();
  }

  private flush(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  /** Every event of one memory, oldest first. */
  async forMemory(memoryId: string): Promise<HistoryEvent[]> {
    return (this.db.prepare("SELECT * FROM memory_history WHERE memory_id = ? ORDER BY seq").all(memoryId) as Row[]).map(fromRow);
  }

  /** Every event of one user, oldest first. */
  async forUser(userId: string): Promise<HistoryEvent[]> {
    return (this.db.prepare("SELECT * FROM memory_history WHERE user_id = ? ORDER BY seq").all(userId) as Row[]).map(fromRow);
  }

  /** Removes every event of a user; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    const removed = this.db.prepare("DELETE FROM memory_history WHERE user_id = ?").run(userId).changes;
    this.flush();
    return removed;
  }
}
