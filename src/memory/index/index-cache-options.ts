/** Bounds of the in-process lexical cache. */
export interface IndexCacheOptions {
  /** Estimated bytes the cached users' indexes may hold together; least recently searched users are evicted first (default 512 MiB). */
  maxBytes?: number;
  /**
   * Age after which a search refreshes the user's index in the background, so writes by other processes sharing the store
   * show up: only rows changed since the last refresh are read when the store can list them (default Infinity: never, as an
   * embedded Chroma has a single writer). The search that notices serves the cached index.
   */
  maxAgeMs?: number;
  /**
   * How long a search waits for a large user's index (5,000 rows or more) that is still loading before it answers from Chroma's
   * vector query alone (default 200 ms; Infinity always waits). The load goes on in the background.
   */
  coldWaitMs?: number;
  /** Memories a user's index needs before it is snapshotted to disk, when snapshots are on (default SNAPSHOT_MIN_RECORDS). */
  snapshotMinRecords?: number;
  /** Milliseconds clock for the age check (default Date.now). */
  clock?: () => number;
}
