import { StorageError } from "../../config/errors.js";
import type { Ledger } from "./ledger-types.js";
import { PgHistoryLog } from "./pg-history-log.js";
import { openPgPool } from "./pg-pool.js";
import { PgThreadRegistry } from "./pg-thread-registry.js";
import { PgWorkQueue } from "./pg-work-queue.js";

/** The ledger in Postgres, shared by every replica: memory history, user threads and the background queue. */
export interface PgLedger extends Ledger {
  kind: "postgres";
  history: PgHistoryLog;
  threads: PgThreadRegistry;
  queue: PgWorkQueue;
}

/** Opens the Postgres ledger (tables `<prefix>_memory_history`, `<prefix>_user_threads`, `<prefix>_work_queue`), creating its tables. */
export async function openPgLedger(url: string, prefix = "memoria", options: { leaseMs?: number } = {}): Promise<PgLedger> {
  if (!/^[a-z0-9][a-z0-9_-]{0,40}$/i.test(prefix)) throw new StorageError(`Invalid ledger prefix "${prefix}".`);
  const pool = openPgPool(url);
  const ledger = {
    history: new PgHistoryLog(pool, prefix),
    threads: new PgThreadRegistry(pool, prefix),
    queue: new PgWorkQueue(pool, prefix, options.leaseMs),
  };
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw new StorageError(`Could not connect to the Postgres ledger: ${(error as Error).message}`, { cause: error });
  });
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [`${prefix}-ledger-setup`]);
    await ledger.history.setup(client);
    await ledger.threads.setup(client);
    await ledger.queue.setup(client);
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`${prefix}-ledger-setup`]);
  } catch (error) {
    client.release();
    await pool.end();
    throw new StorageError(`Could not set up the Postgres ledger: ${(error as Error).message}`, { cause: error });
  }
  client.release();
  let closing: Promise<void> | undefined;
  return { kind: "postgres", ...ledger, checkpoint: async () => {}, close: () => (closing ??= pool.end()) };
}
