import { join } from "node:path";
import type { ChromaClient } from "../records/chroma/chroma-types.js";
import { StorageError } from "../../config/errors.js";
import type { Embedder } from "../../providers/embedder.js";
import { ChromaEntityStore } from "./chroma-entity-store.js";
import { ChromaMemoryStore } from "./chroma-memory-store.js";
import { chromaCall } from "../records/chroma/collections.js";
import { purgeChromaLog } from "../records/chroma/purge-chroma-log.js";
import { openKind, type KindCollection } from "../records/chroma/embedder-collections.js";
import type { ChromaServer } from "../records/chroma/chroma-server.js";
import { connectChroma } from "../records/chroma/connect.js";
import type { SupervisorOptions } from "../records/chroma/chroma-supervisor.js";
import { lockDataDir } from "./data-dir-lock.js";
import { openLedgerOf, type Ledger, type LedgerOptions } from "../ledger/open-ledger.js";
import type { RankingOptions } from "../ranking.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import type { HybridSearchOptions } from "../retrieval/hybrid-search.js";
import type { IndexCacheOptions } from "../index/index-cache.js";
import { eraseSnapshots, snapshotDirOf } from "../index/snapshot/snapshot-store.js";
import { embedderSpec, notReindexedError, UnmigratedUsers } from "../records/unmigrated-users.js";
import { silentLogger, type Logger } from "../../config/logger.js";

/** Where Chroma is: an external server URL, or a data directory for an embedded server. */
export interface StoreOptions {
  chromaUrl?: string;
  dataDir: string;
  collectionPrefix?: string;
  embedder: Embedder;
  /** The MEMORIA_EMBEDDINGS spec of the embedder, named in reindex hints (guessed from its model id when absent). */
  embedderSpec?: string;
  /** Hybrid search tuning and lexical cache bounds. */
  search?: HybridSearchOptions & IndexCacheOptions;
  clock?: () => Date;
  /** Decides how new memories relate to existing ones; defaults to the deterministic fallback (supersedes hint, else ADD). */
  reconciler?: Reconciler;
  ranking?: RankingOptions;
  /** Episodes kept per user, oldest dropped first. */
  maxEpisodesPerUser?: number;
  logger?: Logger;
  /** Id of each new memory (default: a random UUID); a deterministic generator makes benchmark runs repeatable. */
  newId?: () => string;
  /** How long one Chroma request may take before it fails with StorageTimeoutError (default 15 s). */
  chromaTimeoutMs?: number;
  /** When the embedded Chroma is restarted after it died or hung (defaults in SupervisorOptions). */
  chromaRestart?: SupervisorOptions;
  /** Longest wait of a single `add` in the ledger's outbox before it is sent to Chroma (default DEFAULT_WRITE_FLUSH_MS). */
  writeFlushMs?: number;
  /** Snapshot large users' search indexes under dataDir/search-index with embedded Chroma, for fast restarts (default true). */
  searchSnapshots?: boolean;
  /** Where the ledger lives; default a SQLite file under dataDir. */
  ledger?: LedgerOptions;
}

/** The opened long-term and entity stores, the Chroma client, and how to shut them down. */
export interface OpenStores {
  memory: ChromaMemoryStore;
  entities: ChromaEntityStore;
  /** Memoria's bookkeeping (SQLite or Postgres): memory history, user threads, background queue. */
  ledger: Ledger;
  client: ChromaClient;
  chromaUrl: string;
  /** The embedded server, when this process started one. */
  server?: ChromaServer;
  close(): Promise<void>;
}

const withRows = async (others: KindCollection[]): Promise<KindCollection[]> =>
  (await Promise.all(others.map(async (c) => ((await chromaCall("count", () => c.collection.count())) > 0 ? c : undefined)))).filter(
    (c) => c !== undefined,
  );

/**
 * Connects to Chroma (starting an embedded server under dataDir/chroma when no URL is given) and opens both stores in the
 * collections of the current embedder. When only other embedders' collections hold rows, it refuses with the reindex command;
 * after a partial reindex, users not yet moved are refused one by one.
 */
export async function openStores(options: StoreOptions): Promise<OpenStores> {
  // Two embedded Chroma servers on one directory corrupt it; with an external Chroma the SQLite files are shared safely.
  const lock = options.chromaUrl ? undefined : lockDataDir(options.dataDir);
  const chromaDir = join(options.dataDir, "chroma");
  const purge = () => {
    try {
      purgeChromaLog(chromaDir);
    } catch (error) {
      (options.logger ?? silentLogger).warn(`Deleted text may remain in ${chromaDir}: ${(error as Error).message}`, error);
    }
  };
  if (!options.chromaUrl) purge();
  const snapshotDir = snapshotDirOf(options.dataDir);
  let server: ChromaServer | undefined;
  let ledger: Ledger | undefined;
  let chromaUrl = options.chromaUrl ?? "the embedded Chroma server";
  try {
    if (!options.chromaUrl && options.searchSnapshots === false) await eraseSnapshots(snapshotDir);
    const connection = await connectChroma(options);
    const client = connection.client;
    server = connection.server;
    chromaUrl = connection.url;
    const prefix = options.collectionPrefix ?? "memoria";
    const [memories, entities] = await Promise.all([
      openKind(client, prefix, "memories", options.embedder),
      openKind(client, prefix, "entities", options.embedder),
    ]);
    const [staleMemories, staleEntities] = await Promise.all([withRows(memories.others), withRows(entities.others)]);
    const spec = embedderSpec(options.embedder, options.embedderSpec);
    if (staleMemories.length + staleEntities.length > 0 && (await memories.own.count()) + (await entities.own.count()) === 0) {
      throw notReindexedError([...staleMemories, ...staleEntities], options.embedder, spec);
    }
    const unmigrated = staleMemories.length ? new UnmigratedUsers(staleMemories, options.embedder, spec) : undefined;
    ledger = await openLedgerOf(options.ledger ?? { kind: "sqlite", dataDir: options.dataDir }, prefix);
    const { clock, reconciler, ranking, logger } = options;
    const memory = new ChromaMemoryStore(memories.own, options.embedder, {
      clock,
      reconciler,
      ranking,
      logger,
      history: ledger.history,
      search: options.search,
      unmigrated,
      newId: options.newId,
      maxEpisodesPerUser: options.maxEpisodesPerUser,
      outbox: ledger.outbox && { outbox: ledger.outbox, flushMs: options.writeFlushMs },
      snapshotDir: options.chromaUrl || options.searchSnapshots === false ? undefined : snapshotDir,
    });
    try {
      await memory.flushWrites();
    } catch (error) {
      await memory.close();
      await ledger.close();
      throw error;
    }
    const stores: OpenStores = {
      memory,
      entities: new ChromaEntityStore(entities.own, options.embedder, { clock, logger, cache: { maxAgeMs: options.search?.maxAgeMs } }),
      ledger,
      client,
      chromaUrl,
      server,
      close: async () => {
        await Promise.all([stores.memory.close(), stores.entities.close()]);
        await ledger!.close();
        if (server) {
          await server.stop();
          purge();
        }
        lock?.release();
      },
    };
    return stores;
  } catch (error) {
    await ledger?.close();
    await server?.stop();
    lock?.release();
    if (error instanceof StorageError || (error as Error).name === "EmbedderMismatchError") throw error;
    throw new StorageError(`Could not reach Chroma at ${chromaUrl}: ${(error as Error).message}`, { cause: error });
  }
}
