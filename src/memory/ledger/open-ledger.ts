import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { HistoryLog } from "./history-log.js";
import { openSqlite } from "./sqlite.js";
import { ThreadRegistry } from "./thread-registry.js";
import { WorkQueue } from "./work-queue.js";
import { WriteOutbox } from "./write-outbox.js";

/** Memoria's own SQLite bookkeeping under the data directory: memory history, user threads, the background queue and the write outbox. */
export interface Ledger {
  history: HistoryLog;
  threads: ThreadRegistry;
  queue: WorkQueue;
  /** Memory rows accepted but not yet written to Chroma. */
  outbox: WriteOutbox;
  path: string;
  /** Moves the WAL into the file and empties it, so deleted rows leave no copy behind (secure_delete zeroes freed pages). */
  checkpoint(): void;
  close(): void;
}

/** Opens (or creates) the ledger file `<dataDir>/<prefix>-ledger.sqlite`. */
export function openLedger(dataDir: string, prefix = "memoria"): Ledger {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `${prefix}-ledger.sqlite`);
  const db = openSqlite(path);
  let open = true;
  return {
    history: new HistoryLog(db),
    threads: new ThreadRegistry(db),
    queue: new WorkQueue(db),
    outbox: new WriteOutbox(db),
    path,
    checkpoint: () => db.pragma("wal_checkpoint(TRUNCATE)"),
    close: () => {
      if (open) db.close();
      open = false;
    },
  };
}
