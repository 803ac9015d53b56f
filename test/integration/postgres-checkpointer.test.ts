import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { openPgPool, type PgPoolLike } from "../../src/memory/ledger/pg-pool.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { growingSummarizer, longThreadModel, runLongThread } from "../helpers/long-thread.js";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { testConfig } from "../helpers/stores.js";

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("Postgres checkpointer on a real PostgreSQL server", () => {
  let pg: TestPostgres;
  let pool: PgPoolLike;
  const open = (keep: string) =>
    createMemoria({
      config: testConfig({ MEMORIA_CHECKPOINTER: "postgres", MEMORIA_POSTGRES_URL: pg.url, MEMORIA_CHECKPOINT_KEEP: keep }),
      chatModel: longThreadModel(),
      embedder: new HashEmbeddings(),
      summarizer: growingSummarizer,
    });
  const count = async (table: string, thread: string) =>
    Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE thread_id = $1`, [thread])).rows[0]!.n);

  beforeAll(async () => {
    pg = await startTestPostgres();
    pool = openPgPool(pg.url, 2);
  });
  afterAll(async () => {
    await pool?.end();
    pg?.stop();
  });

  it("keeps a thread across a restart and only the newest MEMORIA_CHECKPOINT_KEEP checkpoints", async () => {
    const first: Memoria = await open("8");
    try {
      const model = first.deps.chatModel as ReturnType<typeof longThreadModel>;
      const samples = await runLongThread({
        app: first,
        model,
        tier: "C",
        turns: 20,
        sampleAt: [20],
        checkpointBytes: () => 0,
        threadId: "pg-c",
      });
      expect(samples[0]!.stateMessages).toBeLessThanOrEqual(22);
      expect(await count("checkpoints", "pg-c")).toBe(8);
      expect(await count("checkpoint_blobs", "pg-c")).toBeLessThanOrEqual(8 * 6);
    } finally {
      await first.close();
    }
    const second = await open("8");
    try {
      const state = await second.graph.getState({ configurable: { thread_id: "pg-c" } });
      expect(String(state.values.summary)).toMatch(/Turn \d+: here is another detail/);
      const out = await second.graph.invoke(
        { messages: [{ role: "user", content: "What did I say?" }] },
        { configurable: { thread_id: "pg-c" }, context: { userId: "long-C", tier: "C" } },
      );
      expect(out.messages.at(-2)?.content).toBe("What did I say?");
      expect(out.messages.length).toBeGreaterThan(2);
      expect(await count("checkpoints", "pg-c")).toBe(8);
    } finally {
      await second.close();
    }
  });

  it("MEMORIA_CHECKPOINT_KEEP=0 keeps every checkpoint", async () => {
    const app = await open("0");
    try {
      const model = app.deps.chatModel as ReturnType<typeof longThreadModel>;
      await runLongThread({ app, model, tier: "F", turns: 5, sampleAt: [], checkpointBytes: () => 0, threadId: "pg-all" });
      expect(await count("checkpoints", "pg-all")).toBeGreaterThanOrEqual(5 * 3);
    } finally {
      await app.close();
    }
  });
});
