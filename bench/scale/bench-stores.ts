import { MemoryApi } from "../../src/memory/api/memory-api.js";
import { openStores, type OpenStores } from "../../src/memory/store/open-stores.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { timed } from "./measure.js";

/** The product's stores on an embedded Chroma in one data directory, with the MemoryApi over them; reopenable to measure a cold start. */
export class BenchStores {
  private constructor(
    private readonly dataDir: string,
    private readonly embedder: Embedder,
    private readonly chromaTimeoutMs: number,
    private stores: OpenStores,
    public api: MemoryApi,
  ) {}

  /** Opens the stores (starting an embedded Chroma under dataDir); chromaTimeoutMs bounds each Chroma request. */
  static async open(dataDir: string, embedder: Embedder, chromaTimeoutMs: number): Promise<BenchStores> {
    const stores = await openStores({ dataDir, embedder, collectionPrefix: "scale", chromaTimeoutMs });
    return new BenchStores(dataDir, embedder, chromaTimeoutMs, stores, BenchStores.apiOf(stores));
  }

  private static apiOf(stores: OpenStores): MemoryApi {
    return new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
  }

  /** PID of the embedded Chroma server. */
  get chromaPid(): number | undefined {
    return this.stores.server?.pid;
  }

  /**
   * Closes the stores (stopping Chroma; large indexes are snapshotted) and opens them again on the same directory; returns how
   * long the reopen took. `searchSnapshots: false` reopens without snapshots (erasing them), so indexes load from Chroma.
   */
  async reopen(searchSnapshots = true): Promise<number> {
    await this.stores.close();
    const [ms, stores] = await timed(() =>
      openStores({
        dataDir: this.dataDir,
        embedder: this.embedder,
        collectionPrefix: "scale",
        chromaTimeoutMs: this.chromaTimeoutMs,
        searchSnapshots,
      }),
    );
    this.stores = stores;
    this.api = BenchStores.apiOf(stores);
    return ms;
  }

  /** Waits until the user's search index is loaded; returns how long that took. */
  async warmUp(userId: string): Promise<number> {
    const [ms] = await timed(() => this.stores.memory.warmUp(userId));
    return ms;
  }

  /** Stops Chroma and closes the ledger. */
  close(): Promise<void> {
    return this.stores.close();
  }
}

/** Runs fn over 0..n-1 with at most `concurrency` calls in flight. */
export async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}
