import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ChromaClient } from "chromadb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kindCollections } from "../../src/memory/records/chroma/embedder-collections.js";
import { openPgPool, type PgPoolLike } from "../../src/memory/ledger/pg-pool.js";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { startReplica, type Replica } from "../helpers/replica.js";
import { tempDir } from "../helpers/stores.js";

const skip = postgresSkipReason();
if (skip)
  console.warn(
    `two-replicas: every test of this file is skipped (shared Postgres ledger, cross-replica deleteUser, queue run once). ${skip}`,
  );

describe.skipIf(skip !== undefined)("two app processes on one Chroma server and one Postgres", () => {
  let pg: TestPostgres;
  let one: Replica;
  let two: Replica;
  let sql: PgPoolLike;
  let prefix: string;
  let runLog: string;

  beforeAll(async () => {
    pg = await startTestPostgres();
    sql = openPgPool(pg.url, 2);
    prefix = `r${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    runLog = join(tempDir(), "runs.log");
    writeFileSync(runLog, "");
    const shared = {
      CHROMA_URL: inject("chromaUrl"),
      MEMORIA_CHECKPOINTER: "postgres",
      MEMORIA_POSTGRES_URL: pg.url,
      MEMORIA_COLLECTION_PREFIX: prefix,
      MEMORIA_EMBEDDINGS: "hash",
      REPLICA_RUN_LOG: runLog,
    };
    [one, two] = await Promise.all([
      startReplica({ ...shared, MEMORIA_DATA_DIR: tempDir() }),
      startReplica({ ...shared, MEMORIA_DATA_DIR: tempDir() }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await sql?.end();
    pg?.stop();
  });

  it("runs as two OS processes", () => {
    expect(one.pid).not.toBe(two.pid);
  });

  it("a memory written through one replica is found by the other within 1 s, even with a warm lexicon", async () => {
    const foundWithinOneSecond = async (query: string, text: string) => {
      const written = performance.now();
      let found = false;
      while (!found && performance.now() - written < 1_000) {
        found = (await two.call<string[]>("search", { userId: "ana", query })).includes(text);
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      return found;
    };
    await one.call("add", { userId: "ana", text: "Ana keeps bees on her balcony in Lisbon" });
    expect(await foundWithinOneSecond("bees balcony", "Ana keeps bees on her balcony in Lisbon")).toBe(true);
    await one.call("add", { userId: "ana", text: "Ana started learning the cello in March" });
    expect(await foundWithinOneSecond("cello lessons", "Ana started learning the cello in March")).toBe(true);
  });

  it("a thread started on one replica continues on the other (shared Postgres checkpointer)", async () => {
    await one.call("turn", { userId: "bo", threadId: "bo-1", text: "My cat is called Miso." });
    expect(await two.call("turn", { userId: "bo", threadId: "bo-1", text: "What is my cat called?" })).toBe(4);
    expect(await one.call("thread", { threadId: "bo-1" })).toBe(4);
  });

  it("deleteUser through either replica removes the memories the other wrote (from the other's warm search index within 1 s)", async () => {
    await one.call("add", { userId: "cy", text: "Cy runs marathons" });
    await two.call("add", { userId: "cy", text: "Cy is allergic to cats" });
    const written = performance.now();
    let count = 0;
    while (count < 2 && performance.now() - written < 1_000) {
      count = await one.call<number>("count", { userId: "cy" });
      if (count < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(count).toBe(2);
    await two.call("deleteUser", { userId: "cy" });
    expect(await one.call("count", { userId: "cy" })).toBe(0);
    const deleted = performance.now();
    let found = ["not searched yet"];
    while (found.length && performance.now() - deleted < 1_000) {
      found = await one.call<string[]>("search", { userId: "cy", query: "marathons cats" });
      if (found.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toEqual([]);
  });

  const count = async (query: string, params: unknown[]) => Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);

  it("the ledger lives in Postgres: a thread one replica registered is owned there, and the other refuses it to another user", async () => {
    expect(await one.call("queueJobs", { userId: "probe", texts: "noop" })).toBe("postgres");
    await one.call("turn", { userId: "dee", threadId: "dee-1", text: "My sister Quilla lives in Oslo." });
    expect(await count(`SELECT count(*) AS n FROM "${prefix}_user_threads" WHERE user_id = $1`, ["dee"])).toBe(1);
    await expect(two.call("turn", { userId: "eve", threadId: "dee-1", text: "hello" })).rejects.toThrow(/belongs to another user/);
  });

  it("deleteUser on one replica removes what the user left through the other: checkpoints, history, threads, queue, memories", async () => {
    await one.call("turn", { userId: "dee", threadId: "dee-2", text: "I collect zorblax stamps." });
    await one.call("add", { userId: "dee", text: "Dee collects zorblax stamps" });
    await two.call("add", { userId: "dee", text: "Dee's sister Quilla lives in Oslo" });
    await one.call("queueJobs", { userId: "dee", texts: "zorblax pending" });
    const userRows = async () => ({
      history: await count(`SELECT count(*) AS n FROM "${prefix}_memory_history" WHERE user_id = $1`, ["dee"]),
      threads: await count(`SELECT count(*) AS n FROM "${prefix}_user_threads" WHERE user_id = $1`, ["dee"]),
      checkpoints: await count("SELECT count(*) AS n FROM checkpoints WHERE thread_id = ANY($1)", [["dee-1", "dee-2"]]),
      blobs: await count("SELECT count(*) AS n FROM checkpoint_blobs WHERE thread_id = ANY($1)", [["dee-1", "dee-2"]]),
      writes: await count("SELECT count(*) AS n FROM checkpoint_writes WHERE thread_id = ANY($1)", [["dee-1", "dee-2"]]),
      memories: await one.call<number>("count", { userId: "dee" }),
    });
    const before = await userRows();
    expect(before.history).toBeGreaterThanOrEqual(2);
    expect(before.threads).toBe(2);
    expect(before.checkpoints).toBeGreaterThan(0);
    expect(before.memories).toBeGreaterThanOrEqual(2);

    await two.call("deleteUser", { userId: "dee" });
    expect(await userRows()).toEqual({ history: 0, threads: 0, checkpoints: 0, blobs: 0, writes: 0, memories: 0 });
    expect(await count(`SELECT count(*) AS n FROM "${prefix}_work_queue" WHERE user_id = $1`, ["dee"])).toBe(0);
    const tables = (await sql.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map(
      (r) => r.t,
    );
    for (const t of tables) expect(await count(`SELECT count(*) AS n FROM "${t}" x WHERE x::text ILIKE $1`, ["%zorblax%"]), t).toBe(0);
    const url = new URL(inject("chromaUrl"));
    const client = new ChromaClient({ host: url.hostname, port: Number(url.port) });
    const collections = [...(await kindCollections(client, prefix, "memories")), ...(await kindCollections(client, prefix, "entities"))];
    expect(collections.length).toBeGreaterThan(0);
    for (const c of collections) expect((await c.collection.get({ where: { userId: "dee" } })).ids, c.name).toEqual([]);
  });

  it("a job queued by one replica runs exactly once when both resume the queue", async () => {
    const users = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const texts = Array.from({ length: 4 }, (_, i) => `job-${i}`);
    for (const userId of users) {
      await one.call("queueJobs", { userId, texts: texts.map((t) => `${t}-${userId}`).join("|") });
    }
    await Promise.all([one.call("resume", {}), two.call("resume", {})]);
    for (;;) {
      const left = await Promise.all([one.call<number>("drain", {}), two.call<number>("drain", {})]);
      if (left.every((n) => n === 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const runs = readFileSync(runLog, "utf8").trim().split("\n").filter(Boolean);
    const ran = runs.map((line) => line.split(" ")[1]!);
    expect(ran.sort()).toEqual(users.flatMap((u) => texts.map((t) => `${t}-${u}`)).sort());
    expect(new Set(runs.map((line) => line.split(" ")[0])).size).toBe(2);
  });
});
