import type { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { installedVersion, requireTestedVersion } from "../../config/dependency-version.js";

/** The @langchain/langgraph-checkpoint-sqlite release whose tables this file writes to, as tested (pinned with `~`). */
export const SQLITE_SAVER_TESTED_VERSION = "1.0.4";

/** A thread of the checkpointer: its id and checkpoint namespace. */
export interface CheckpointThread {
  threadId: string;
  ns: string;
}

/** Throws DependencyVersionError unless the installed SQLite saver is the tested minor release. */
export function checkSqliteSaverVersion(installed = installedVersion("@langchain/langgraph-checkpoint-sqlite", import.meta.url)): void {
  requireTestedVersion("@langchain/langgraph-checkpoint-sqlite", SQLITE_SAVER_TESTED_VERSION, installed, "checkpoint retention");
}

/**
 * Prepares, once per connection, the deletion of all but a thread's newest `keep` checkpoints and their pending writes from
 * the saver's own tables (`checkpoints` and `writes`, keyed by thread_id, checkpoint_ns and a time-ordered checkpoint_id).
 */
export function sqliteCheckpointPruner(db: SqliteSaver["db"]): (thread: CheckpointThread, keep: number) => void {
  const cutoff = db.prepare(
    "SELECT checkpoint_id FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1 OFFSET ?",
  );
  const writes = db.prepare("DELETE FROM writes WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?");
  const checkpoints = db.prepare("DELETE FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id < ?");
  const deleteBefore = db.transaction((args: unknown[]) => {
    writes.run(...args);
    checkpoints.run(...args);
  }) as (args: unknown[]) => void;
  return ({ threadId, ns }, keep) => {
    const row = cutoff.get(threadId, ns, keep - 1) as { checkpoint_id: string } | undefined;
    if (row) deleteBefore([threadId, ns, row.checkpoint_id]);
  };
}
