import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SqliteHistoryLog } from "./history-log.js";
import type { Ledger } from "./ledger-types.js";
import { openPgLedger } from "./pg-ledger.js";
import { openSqlite } from "./sqlite.js";
import { SqliteThreadRegistry } from "./thread-registry.js";
import { SqliteWorkQueue } from "./work-queue.js";
import { WriteOutbox } from "./write-outbox.js";

export type { Ledger } from "./ledger-types.js";

/** Where the ledger lives: a SQLite file under the data directory (one process), or Postgres tables shared by replicas. */
export type LedgerOptions = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string; leaseMs?: number };

/** Opens (or creates) the ledger file `<dataDir>/<prefix>-ledger.sqlite`. */
export function openLedger(dataDir: string, prefix = "memoria"): Ledger {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `${prefix}-ledger.sqlite`);
  const db = openSqlite(path);
  let open = true;
  return {
    kind: "sqlite",
    history: new SqliteHistoryLog(db),
    threads: new SqliteThreadRegistry(db),
    queue: new SqliteWorkQueue(db),
    outbox: new WriteOutbox(db),
    path,
    checkpoint: async () => {
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    close: async () => {
      if (open) db.close();
      open = false;
    },
  };
}

/** Opens the ledger the options name, with tables or file named by the prefix. */
export function openLedgerOf(options: LedgerOptions, prefix = "memoria"): Promise<Ledger> {
  return options.kind === "sqlite"
    ? Promise.resolve(openLedger(options.dataDir, prefix))
    : openPgLedger(options.url, prefix, { leaseMs: options.leaseMs });
}
