import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { MemorySaver } from "@langchain/langgraph";
import { ConfigError, StorageError } from "../../config/errors.js";
import { openPgPool, type PgPoolLike } from "../ledger/pg-pool.js";
import { DEFAULT_CHECKPOINT_KEEP, RetainingSqliteSaver, threadOfConfig } from "./checkpoint-retention.js";
import { checkPostgresSaverVersion, prunePostgresThread } from "./postgres-saver-internals.js";

/** Which checkpointer to open and where. */
export interface CheckpointerOptions {
  kind: "sqlite" | "postgres" | "memory";
  dataDir: string;
  postgresUrl?: string;
  /** Checkpoints kept per thread (older ones are deleted after each write); 0 keeps all. Default DEFAULT_CHECKPOINT_KEEP. */
  keep?: number;
}

/** A checkpointer with a way to release its connection. */
export interface OpenCheckpointer {
  saver: BaseCheckpointSaver;
  close(): Promise<void>;
}

/** Opens the thread checkpointer: a SQLite file under the data directory by default, Postgres for scale. */
export async function openCheckpointer(options: CheckpointerOptions): Promise<OpenCheckpointer> {
  const keep = options.keep ?? DEFAULT_CHECKPOINT_KEEP;
  if (options.kind === "memory") return { saver: new MemorySaver(), close: async () => {} };
  if (options.kind === "sqlite") {
    mkdirSync(options.dataDir, { recursive: true });
    const saver = RetainingSqliteSaver.open(join(options.dataDir, "checkpoints.sqlite"), keep);
    return { saver, close: async () => saver.db.close() };
  }
  if (!options.postgresUrl) throw new ConfigError("The Postgres checkpointer needs MEMORIA_POSTGRES_URL.");
  let mod: typeof import("@langchain/langgraph-checkpoint-postgres");
  try {
    mod = await import("@langchain/langgraph-checkpoint-postgres");
  } catch (error) {
    throw new ConfigError("MEMORIA_CHECKPOINTER=postgres needs the optional package @langchain/langgraph-checkpoint-postgres.", {
      cause: error,
    });
  }
  checkPostgresSaverVersion();
  const pool = openPgPool(options.postgresUrl);
  const saver = new (retainingPostgresSaver(mod.PostgresSaver, pool, keep))(pool as never);
  try {
    await setupOnce(() => saver.setup());
  } catch (error) {
    await pool.end();
    throw new StorageError(`Could not set up the Postgres checkpointer: ${(error as Error).message}`, { cause: error });
  }
  return { saver, close: () => pool.end() };
}

type PostgresSaverClass = typeof import("@langchain/langgraph-checkpoint-postgres").PostgresSaver;

function retainingPostgresSaver(Base: PostgresSaverClass, pool: PgPoolLike, keep: number) {
  return class RetainingPostgresSaver extends Base {
    override async put(...args: Parameters<InstanceType<PostgresSaverClass>["put"]>) {
      const next = await super.put(...args);
      if (keep > 0) await prunePostgresThread(pool, threadOfConfig(next), keep);
      return next;
    }
  };
}

/** Runs the checkpointer's table setup; replicas starting together can race on CREATE TABLE IF NOT EXISTS (unique violation 23505), so it is retried. */
async function setupOnce(setup: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await setup();
    } catch (error) {
      if ((error as { code?: string }).code !== "23505" || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
