import { createRequire } from "node:module";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { PgPoolLike } from "../ledger/pg-pool.js";

/** Checkpoints kept per thread by default: a few turns of time travel, a bounded file. */
export const DEFAULT_CHECKPOINT_KEEP = 20;

function threadOf(config: RunnableConfig): { threadId: string; ns: string } {
  return { threadId: String(config.configurable?.thread_id), ns: String(config.configurable?.checkpoint_ns ?? "") };
}

/** The retention's statements, prepared once per connection. */
function preparePrune(db: SqliteSaver["db"]) {
  const cutoff = db.prepare(
    "SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1 OFFSET ?",
  );
  const writes = db.prepare("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?");
  const checkpoints = db.prepare("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?");
  const deleteBefore = db.transaction((args: unknown[]) => {
    writes.run(...args);
    checkpoints.run(...args);
  });
  return { cutoff, deleteBefore: deleteBefore as (args: unknown[]) => void };
}

/**
 * SQLite checkpointer that, after each write, deletes all but the newest `keep` checkpoints (and their writes) of that thread
 * (0 keeps all); deleted threads are erased from the file: freed pages are zeroed and the WAL is emptied after each deletion.
 */
export class RetainingSqliteSaver extends SqliteSaver {
  keep = DEFAULT_CHECKPOINT_KEEP;

  /** Opens the file like SqliteSaver.fromConnString, with a retention. */
  static open(path: string, keep: number): RetainingSqliteSaver {
    const Database = createRequire(import.meta.url)("better-sqlite3") as new (path: string) => ConstructorParameters<typeof SqliteSaver>[0];
    const saver = new RetainingSqliteSaver(new Database(path));
    saver.db.pragma("journal_mode = WAL");
    saver.db.pragma("synchronous = NORMAL");
    saver.db.pragma("secure_delete = ON");
    saver.keep = keep;
    return saver;
  }

  override async deleteThread(threadId: string): Promise<void> {
    await super.deleteThread(threadId);
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const next = await super.put(config, checkpoint, metadata);
    if (this.keep > 0) this.prune(threadOf(next));
    return next;
  }

  private pruning?: ReturnType<typeof preparePrune>;

  private prune({ threadId, ns }: { threadId: string; ns: string }): void {
    const p = (this.pruning ??= preparePrune(this.db));
    const cutoff = p.cutoff.get(threadId, ns, this.keep - 1) as { checkpoint_id: string } | undefined;
    if (cutoff) p.deleteBefore([threadId, ns, cutoff.checkpoint_id]);
  }
}

/** Deletes all but the newest `keep` checkpoints of a thread in the Postgres checkpointer's tables, with their writes and unreferenced blobs. */
export async function prunePostgresThread(
  pool: PgPoolLike,
  thread: { threadId: string; ns: string },
  keep: number,
  schema = "public",
): Promise<void> {
  const t = (name: string) => `"${schema}".${name}`;
  const args = [thread.threadId, thread.ns];
  const cut = await pool.query<{ checkpoint_id: string }>(
    `SELECT checkpoint_id FROM ${t("checkpoints")} WHERE thread_id = $1 AND checkpoint_ns = $2 ORDER BY checkpoint_id DESC LIMIT 1 OFFSET $3`,
    [...args, keep - 1],
  );
  const cutoff = cut.rows[0]?.checkpoint_id;
  if (cutoff === undefined) return;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`DELETE FROM ${t("checkpoint_writes")} WHERE thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id < $3`, [
      ...args,
      cutoff,
    ]);
    await client.query(`DELETE FROM ${t("checkpoints")} WHERE thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id < $3`, [
      ...args,
      cutoff,
    ]);
    await client.query(
      `DELETE FROM ${t("checkpoint_blobs")} b WHERE b.thread_id = $1 AND b.checkpoint_ns = $2 AND NOT EXISTS (
        SELECT 1 FROM ${t("checkpoints")} c WHERE c.thread_id = $1 AND c.checkpoint_ns = $2 AND c.checkpoint->'channel_versions'->>b.channel = b.version)`,
      args,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/** The thread a put() result refers to. */
export const threadOfConfig = threadOf;
