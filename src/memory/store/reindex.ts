import type { Embedder } from "../../providers/embedder.js";
import { connectChroma } from "../records/chroma/connect.js";
import { reindex, type ReindexReport } from "../records/reindex-rows.js";
import { eraseSnapshots, snapshotDirOf } from "../index/snapshot/snapshot-store.js";
import { lockDataDir } from "./data-dir-lock.js";

export { describeReindex, reindexAll, reindexUser, type ReindexReport } from "../records/reindex-rows.js";

/** Where to reindex: an external Chroma URL, or the data directory whose embedded server is started for the run. */
export interface ReindexTarget {
  chromaUrl?: string;
  dataDir: string;
  collectionPrefix: string;
  embedder: Embedder;
  userId?: string;
}

/**
 * Connects to Chroma (starting the embedded server when no URL is given), erases the data directory's index snapshots (they hold
 * the old vectors and would outlive the rows they copy), reindexes, and shuts the server down. With embedded Chroma it holds the
 * data-dir lock throughout, so it refuses a directory a running memoria has open (DataDirLockedError).
 */
export async function reindexStores(target: ReindexTarget): Promise<ReindexReport> {
  const lock = target.chromaUrl ? undefined : lockDataDir(target.dataDir);
  try {
    const { client, server } = await connectChroma(target);
    try {
      await eraseSnapshots(snapshotDirOf(target.dataDir));
      return await reindex(client, target.collectionPrefix, target.embedder, { userId: target.userId });
    } finally {
      await server?.stop();
    }
  } finally {
    lock?.release();
  }
}
