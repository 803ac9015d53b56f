import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { percentile } from "../../evals/locomo/metrics.js";
import { BenchStores, pool } from "./bench-stores.js";
import { fmtMs, fmtS, p50p95, printTable, progress, rssChange, rssPair, timed, timedSearches } from "./measure.js";
import { added, type CaseContext } from "./one-user-case.js";
import { seededRandom } from "./synthetic-memories.js";
import { UserStream } from "./user-stream.js";

const CONCURRENT_USERS = 4;
const HEADER = [
  "case",
  "rows",
  "ingest (rows/s)",
  "reopen",
  "cold first search",
  "warm p50 / p95 ms",
  "target p95",
  "add p50 ms",
  "RSS node MB (before → after searches)",
  "RSS Chroma MB",
];

/** Ingests users of `perUser` stored memories each (topping up when a text was already stored), a few users at a time, printing progress on large runs. */
async function ingestUsers(
  stores: BenchStores,
  streams: UserStream[],
  perUser: number,
  label: string,
): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  const total = streams.length * perUser;
  let done = 0;
  await pool(streams.length, CONCURRENT_USERS, async (i) => {
    for (let stored = 0; stored < perUser;) {
      stored += added(await stores.api.addMany(streams[i]!.take(perUser - stored), { userId: `user-${i}` }));
    }
    done += perUser;
    if (total >= 20_000 && done % 10_000 < perUser) progress(label, done, total, started);
  });
  return { rows: total, ms: performance.now() - started };
}

/** What a multi-user case measures: whose searches and adds, and which user a search or add goes to. */
interface Probe {
  name: string;
  target: string;
  userOf: (i: number) => number;
}

async function measure(
  ctx: CaseContext,
  stores: BenchStores,
  streams: UserStream[],
  probe: Probe,
  ingest: { rows: number; ms: number },
): Promise<string[]> {
  const { rows, ms: ingestMs } = ingest;
  const queries = Array.from({ length: ctx.budget.planned + 1 }, (_, i) => {
    const u = probe.userOf(i);
    return { userId: `user-${u}`, query: streams[u]!.questions(1)[0]! };
  });
  const reopenMs = await stores.reopen();
  const [coldMs] = await timed(() => stores.api.search(queries[0]!.query, { userId: queries[0]!.userId }));
  const searched = [...new Set(queries.map((q) => q.userId))];
  const [warmUpMs] = await timed(() => pool(searched.length, 4, (i) => stores.warmUp(searched[i]!).then(() => undefined)));
  console.log(`  ${probe.name}: search indexes of the ${searched.length} searched users loaded in ${fmtS(warmUpMs)}`);
  const before = rssPair(stores.chromaPid);
  const warm = await timedSearches((i) => stores.api.search(queries[i + 1]!.query, { userId: queries[i + 1]!.userId }), ctx.budget);
  const after = rssPair(stores.chromaPid);
  const adds: number[] = [];
  for (let i = 0; i < ctx.adds; i++) {
    const u = probe.userOf(ctx.budget.planned + 1 + i);
    const [ms] = await timed(() => stores.api.add(streams[u]!.freshText(), { userId: `user-${u}`, infer: false }));
    adds.push(ms);
  }
  const { p50, p95 } = p50p95(warm);
  console.log(`  ${probe.name}: ${rows} rows, cold ${fmtMs(coldMs)} ms, warm p95 ${fmtMs(p95)} ms`);
  return [
    probe.name,
    rows.toLocaleString("en"),
    `${fmtS(ingestMs)} (${((rows / ingestMs) * 1000).toFixed(0)}/s)`,
    fmtS(reopenMs),
    fmtS(coldMs),
    `${fmtMs(p50)} / ${fmtMs(p95)} (n=${warm.length})`,
    probe.target,
    fmtMs(percentile(adds, 50)),
    rssChange(before.node, after.node),
    rssChange(before.chroma, after.chroma),
  ];
}

async function withStores(ctx: CaseContext, prefix: string, run: (stores: BenchStores) => Promise<string[]>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const stores = await BenchStores.open(dir, ctx.embedder, ctx.chromaTimeoutMs);
  try {
    return await run(stores);
  } finally {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** A 100-memory user (user-0, with real turns mixed in) among `others` rows of users holding 100 memories each. */
export async function amongOthersCase(ctx: CaseContext, others: number): Promise<void> {
  const row = await withStores(ctx, "memoria-scale-among-", async (stores) => {
    const streams = Array.from({ length: 1 + Math.ceil(others / 100) }, (_, i) => new UserStream(1000 + i, i === 0 ? ctx.real : undefined));
    const ingest = await ingestUsers(stores, streams, 100, `${others} rows of others`);
    return measure(
      ctx,
      stores,
      streams,
      { name: `100-memory user among ${others.toLocaleString("en")} rows`, target: "≤ 15 ms", userOf: () => 0 },
      ingest,
    );
  });
  printTable("A small user among others", HEADER, [row]);
}

/** `users` users of `perUser` memories; every search and add goes to a random user. */
export async function manyUsersCase(ctx: CaseContext, users: number, perUser: number): Promise<void> {
  const row = await withStores(ctx, "memoria-scale-many-", async (stores) => {
    const streams = Array.from({ length: users }, (_, i) => new UserStream(100_000 + i));
    const ingest = await ingestUsers(stores, streams, perUser, `${users} users`);
    const random = seededRandom(42);
    const picks = Array.from({ length: ctx.budget.planned + 1 + ctx.adds }, () => Math.floor(random() * users));
    return measure(
      ctx,
      stores,
      streams,
      { name: `random users, ${users.toLocaleString("en")} × ${perUser}`, target: "≤ 20 ms", userOf: (i) => picks[i]! },
      ingest,
    );
  });
  printTable("Many users, random user per search", HEADER, [row]);
}
