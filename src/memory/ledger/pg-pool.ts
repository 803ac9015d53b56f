import { createRequire } from "node:module";
import { ConfigError } from "../../config/errors.js";

/** The subset of a pg client memoria uses. */
export interface PgClientLike {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** The subset of a pg.Pool memoria uses. */
export interface PgPoolLike extends PgClientLike {
  connect(): Promise<PgClientLike & { release(): void }>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
}

type PoolConstructor = new (options: { connectionString: string; max?: number }) => PgPoolLike;

/** Opens a pg connection pool (the driver the Postgres checkpointer uses); an idle connection the server drops is discarded, not thrown. */
export function openPgPool(connectionString: string, max = 10): PgPoolLike {
  let Pool: PoolConstructor;
  try {
    Pool = (createRequire(import.meta.url)("pg") as { Pool: PoolConstructor }).Pool;
  } catch (error) {
    throw new ConfigError("MEMORIA_POSTGRES_URL needs the optional package pg.", { cause: error });
  }
  const pool = new Pool({ connectionString, max });
  pool.on("error", () => {});
  return pool;
}

/** Runs `work` on one pooled connection inside BEGIN … COMMIT, rolling back and rethrowing when it throws. */
export async function inPgTransaction<T>(pool: PgPoolLike, work: (client: PgClientLike) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
