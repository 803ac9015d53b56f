import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { MemorySaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { ConfigError, StorageError } from "../../config/errors.js";

/** Which checkpointer to open and where. */
export interface CheckpointerOptions {
  kind: "sqlite" | "postgres" | "memory";
  dataDir: string;
  postgresUrl?: string;
}

/** A checkpointer with a way to release its connection. */
export interface OpenCheckpointer {
  saver: BaseCheckpointSaver;
  close(): Promise<void>;
}

/** The SQLite checkpointer with deleted threads erased from the file: freed pages are zeroed and the WAL is emptied after each deletion. */
class ErasingSqliteSaver extends SqliteSaver {
  constructor(path: string) {
    super(SqliteSaver.fromConnString(path).db);
    this.db.pragma("secure_delete = ON");
  }

  override async deleteThread(threadId: string): Promise<void> {
    await super.deleteThread(threadId);
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }
}

/** Opens the thread checkpointer: a SQLite file under the data directory by default, Postgres for scale. */
export async function openCheckpointer(options: CheckpointerOptions): Promise<OpenCheckpointer> {
  if (options.kind === "memory") return { saver: new MemorySaver(), close: async () => {} };
  if (options.kind === "sqlite") {
    mkdirSync(options.dataDir, { recursive: true });
    const saver = new ErasingSqliteSaver(join(options.dataDir, "checkpoints.sqlite"));
    return { saver, close: async () => saver.db.close() };
  }
  if (!options.postgresUrl) throw new ConfigError("The Postgres checkpointer needs MEMORIA_POSTGRES_URL.");
  let mod: typeof import("@langchain/langgraph-checkpoint-postgres");
  try {
    mod = await import("@langchain/langgraph-checkpoint-postgres");
  } catch (error) {
    throw new ConfigError("MEMORIA_CHECKPOINTER=postgres needs the optional package @langchain/langgraph-checkpoint-postgres.", { cause: error });
  }
  const saver = mod.PostgresSaver.fromConnString(options.postgresUrl);
  try {
    await saver.setup();
  } catch (error) {
    throw new StorageError(`Could not set up the Postgres checkpointer: ${(error as Error).message}`, { cause: error });
  }
  return { saver, close: () => saver.end() };
}
