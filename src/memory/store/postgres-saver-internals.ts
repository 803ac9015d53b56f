import { installedVersion, requireTestedVersion } from "../../config/dependency-version.js";
import { inPgTransaction, type PgPoolLike } from "../ledger/pg-pool.js";
import type { CheckpointThread } from "./sqlite-saver-internals.js";

/** The @langchain/langgraph-checkpoint-postgres release whose tables this file writes to, as tested (pinned with `~`). */
export const POSTGRES_SAVER_TESTED_VERSION = "1.0.5";

/** Throws DependencyVersionError unless the installed Postgres saver is the tested minor release. */
export function checkPostgresSaverVersion(installed = installedVersion("@langchain/langgraph-checkpoint-postgres", import.meta.url)): void {
  requireTestedVersion("@langchain/langgraph-checkpoint-postgres", POSTGRES_SAVER_TESTED_VERSION, installed, "checkpoint retention");
}

/**
 * Deletes all but the newest `keep` checkpoints of a thread from the Postgres saver's own tables (`checkpoints`,
 * `checkpoint_writes`, and the `checkpoint_blobs` no kept checkpoint's channel_versions refers to), in one transaction.
 */
export async function prunePostgresThread(pool: PgPoolLike, thread: CheckpointThread, keep: number, schema = "public"): Promise<void> {
  const t = (name: string) => `"${schema}".${name}`;
  const args = [thread.threadId, thread.ns];
  const cut = await pool.query<{ checkpoint_id: string }>(
    `SELECT checkpoint_id FROM ${t("checkpoints")} WHERE thread_id = $1 AND checkpoint_ns = $2 ORDER BY checkpoint_id DESC LIMIT 1 OFFSET $3`,
    [...args, keep - 1],
  );
  const cutoff = cut.rows[0]?.checkpoint_id;
  if (cutoff === undefined) return;
  await inPgTransaction(pool, async (client) => {
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
  });
}
