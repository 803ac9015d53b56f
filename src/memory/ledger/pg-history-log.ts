import type { HistoryEvent } from "./history-log.js";
import type { HistoryLog } from "./ledger-types.js";
import { inPgTransaction, type PgClientLike, type PgPoolLike } from "./pg-pool.js";

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

const COLUMNS = "memory_id, user_id, action, related_id, content, actor, thread_id, at";

/** The audit trail of memory decisions in Postgres, shared by replicas; same semantics as the SQLite HistoryLog. */
export class PgHistoryLog implements HistoryLog {
  private readonly table: string;

  constructor(
    private readonly pool: PgPoolLike,
    private readonly prefix: string,
  ) {
    this.table = `"${prefix}_memory_history"`;
  }

  /** Creates the table and its indexes if missing. */
  async setup(client: PgClientLike = this.pool): Promise<void> {
    await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      seq BIGSERIAL PRIMARY KEY, memory_id TEXT NOT NULL, user_id TEXT NOT NULL, action TEXT NOT NULL,
      related_id TEXT, content TEXT, actor TEXT NOT NULL, thread_id TEXT, at TEXT NOT NULL)`);
    await client.query(`CREATE INDEX IF NOT EXISTS "${this.prefix}_memory_history_memory" ON ${this.table} (memory_id)`);
    await client.query(`CREATE INDEX IF NOT EXISTS "${this.prefix}_memory_history_user" ON ${this.table} (user_id)`);
  }

  /** Appends events in one statement. */
  async record(events: HistoryEvent[], client: PgClientLike = this.pool): Promise<void> {
    if (!events.length) return;
    const values = events.map((_, i) => `(${Array.from({ length: 8 }, (__, j) => `$${i * 8 + j + 1}`).join(", ")})`).join(", ");
    const params = events.flatMap((e) => [e.memoryId, e.userId, e.action, e.relatedId, e.content, e.actor, e.threadId, e.at]);
    await client.query(`INSERT INTO ${this.table} (${COLUMNS}) VALUES ${values}`, params);
  }

  /** Records a deletion and erases every earlier text of that memory, in one transaction. */
  async recordDeletion(event: Omit<HistoryEvent, "action" | "content">): Promise<void> {
    await inPgTransaction(this.pool, async (client) => {
      await client.query(`UPDATE ${this.table} SET content = NULL WHERE memory_id = $1`, [event.memoryId]);
      await this.record([{ ...event, action: "DELETE", content: null }], client);
    });
  }

  /** Every event of one memory, oldest first. */
  async forMemory(memoryId: string): Promise<HistoryEvent[]> {
    return (await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE memory_id = $1 ORDER BY seq`, [memoryId])).rows.map(
      fromRow,
    );
  }

  /** Every event of one user, oldest first. */
  async forUser(userId: string): Promise<HistoryEvent[]> {
    return (await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.table} WHERE user_id = $1 ORDER BY seq`, [userId])).rows.map(fromRow);
  }

  /** Removes every event of a user; returns how many. */
  async deleteUser(userId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM ${this.table} WHERE user_id = $1`, [userId])).rowCount ?? 0;
  }
}
