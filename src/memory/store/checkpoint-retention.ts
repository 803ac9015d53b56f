import { createRequire } from "node:module";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { Checkpoint, CheckpointMetadata } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { checkSqliteSaverVersion, sqliteCheckpointPruner } from "./sqlite-saver-internals.js";

/** Checkpoints kept per thread by default: a few turns of time travel, a bounded file. */
export const DEFAULT_CHECKPOINT_KEEP = 20;

function threadOf(config: RunnableConfig): { threadId: string; ns: string } {
  return { threadId: String(config.configurable?.thread_id), ns: String(config.configurable?.checkpoint_ns ?? "") };
}

/**
 * SQLite checkpointer that, after each write, deletes all but the newest `keep` checkpoints (and their writes) of that thread
 * (0 keeps all); deleted threads are erased from the file: freed pages are zeroed and the WAL is emptied after each deletion.
 */
export class RetainingSqliteSaver extends SqliteSaver {
  keep = DEFAULT_CHECKPOINT_KEEP;

  /** Opens the file like SqliteSaver.fromConnString, with a retention. */
  static open(path: string, keep: number): RetainingSqliteSaver {
    checkSqliteSaverVersion();
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

  private pruner?: ReturnType<typeof sqliteCheckpointPruner>;

  private prune(thread: { threadId: string; ns: string }): void {
    (this.pruner ??= sqliteCheckpointPruner(this.db))(thread, this.keep);
  }
}

/** The thread a put() result refers to. */
export const threadOfConfig = threadOf;
