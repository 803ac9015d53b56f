import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChromaServer } from "../src/memory/records/chroma/chroma-server.js";
import { postgresSkipReason, startTestPostgres } from "../test/helpers/postgres.js";
import { startReplica } from "../test/helpers/replica.js";

const WRITES = Number(process.env.BENCH_REPLICA_WRITES ?? 20);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const skip = postgresSkipReason();
if (skip) {
  console.log(`replicas: skipped (${skip})`);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "memoria-replica-bench-"));
const chroma = await startChromaServer({ path: join(dir, "chroma") });
const pg = await startTestPostgres();
const runLog = join(dir, "runs.log");
writeFileSync(runLog, "");
const env = {
  REPLICA_RUN_LOG: runLog,
  CHROMA_URL: chroma.url,
  MEMORIA_CHECKPOINTER: "postgres",
  MEMORIA_POSTGRES_URL: pg.url,
  MEMORIA_COLLECTION_PREFIX: `b${randomUUID().replace(/-/g, "").slice(0, 12)}`,
};
const [one, two] = await Promise.all([
  startReplica({ ...env, MEMORIA_DATA_DIR: join(dir, "one") }),
  startReplica({ ...env, MEMORIA_DATA_DIR: join(dir, "two") }),
]);
try {
  await one.call("add", { userId: "u", text: "The user keeps bees on the balcony" });
  await two.call("search", { userId: "u", query: "bees" });
  const lags: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const text = `The user mentioned hobby number ${i} zq${i}x`;
    await one.call("add", { userId: "u", text });
    const t = performance.now();
    while (!(await two.call<string[]>("search", { userId: "u", query: `hobby zq${i}x` })).includes(text))
      await new Promise((r) => setTimeout(r, 20));
    lags.push(performance.now() - t);
  }
  const turns: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await (i % 2 ? two : one).call("turn", { userId: "u", threadId: "shared", text: `Turn ${i} on alternating replicas` });
    turns.push(performance.now() - t);
  }
  const users = Array.from({ length: 20 }, (_, i) => `q${i}`);
  for (const userId of users)
    await one.call("queueJobs", { userId, texts: ["a", "b", "c", "d", "e"].map((t) => `job-${t}-${userId}`).join("|") });
  const queuedAt = performance.now();
  await Promise.all([one.call("resume", {}), two.call("resume", {})]);
  while ((await Promise.all([one.call<number>("drain", {}), two.call<number>("drain", {})])).some((n) => n > 0))
    await new Promise((r) => setTimeout(r, 20));
  const drainMs = performance.now() - queuedAt;
  const runs = readFileSync(runLog, "utf8").trim().split("\n").filter(Boolean);
  const byPid = new Map<string, number>();
  for (const line of runs) byPid.set(line.split(" ")[0]!, (byPid.get(line.split(" ")[0]!) ?? 0) + 1);
  const distinct = new Set(runs.map((line) => line.split(" ")[1])).size;
  await one.call("turn", { userId: "del", threadId: "del-1", text: "Something to forget" });
  await one.call("add", { userId: "del", text: "Del keeps a secret" });
  const deleteStart = performance.now();
  await two.call("deleteUser", { userId: "del" });
  const deleteMs = performance.now() - deleteStart;
  console.log(
    "two replica processes, one Chroma server, one Postgres (checkpointer and ledger), MEMORIA_SEARCH_MAX_AGE_MS default (500 ms with CHROMA_URL)",
  );
  console.log(
    `write on one -> found by search on the other: p50 ${percentile(lags, 50).toFixed(0)} ms, p95 ${percentile(lags, 95).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms (${WRITES} writes, warm lexicon)`,
  );
  console.log(
    `tier C turn on a thread alternating between replicas (Postgres checkpointer): p50 ${percentile(turns, 50).toFixed(0)} ms, p95 ${percentile(turns, 95).toFixed(0)} ms`,
  );
  console.log(
    `${users.length * 5} jobs (20 users x 5, 20 ms each) queued by one replica, both resume: drained in ${drainMs.toFixed(0)} ms; runs ${runs.length}, distinct jobs ${distinct}, per process ${[...byPid.values()].join(" / ")}`,
  );
  console.log(`deleteUser on the replica that did not take the user's turn (thread, history, memories): ${deleteMs.toFixed(0)} ms`);
} finally {
  await Promise.all([one.stop(), two.stop()]);
  pg.stop();
  await chroma.stop();
  rmSync(dir, { recursive: true, force: true });
}
