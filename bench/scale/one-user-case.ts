import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { percentile } from "../../evals/locomo/metrics.js";
import type { WriteOutcome } from "../../src/memory/interfaces.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { BenchStores } from "./bench-stores.js";
import type { RealConversation } from "./locomo-mix.js";
import { fmtMs, fmtS, p50p95, printTable, progress, rssChange, rssPair, timed, timedSearches, type SearchBudget } from "./measure.js";
import { UserStream } from "./user-stream.js";

/** What every case needs: the embedder, the real conversation (when present) and how many searches to time. */
export interface CaseContext {
  embedder: Embedder;
  real?: RealConversation;
  budget: SearchBudget;
  /** Single adds timed for the marginal add cost. */
  adds: number;
  /** Per-request Chroma timeout (the product's default of 15 s is too short for loading 100k memories at once). */
  chromaTimeoutMs: number;
}

const CHUNK = 2_000;
const USER = "scale-user";
const TARGETS: Record<number, { warm: string; cold: string }> = {
  10_000: { warm: "≤ 20 ms", cold: "—" },
  100_000: { warm: "≤ 50 ms", cold: "≤ 2 s" },
};

/** Memories an add stored (a text already stored is not stored again). */
export const added = (outcomes: WriteOutcome[]): number => outcomes.filter((o) => o.action === "ADD").length;

/** Timed single adds (infer=false) of fresh texts: their p50 in ms and how many were stored. */
export async function timedAdds(
  ctx: CaseContext,
  stores: BenchStores,
  userId: string,
  stream: UserStream,
): Promise<{ p50: number; stored: number }> {
  const latencies: number[] = [];
  let stored = 0;
  for (let i = 0; i < ctx.adds; i++) {
    const text = stream.freshText();
    const [ms, outcomes] = await timed(() => stores.api.add(text, { userId, infer: false }));
    latencies.push(ms);
    stored += added(outcomes);
  }
  return { p50: percentile(latencies, 50), stored };
}

/**
 * Restarts without index snapshots (erasing them, so the index loads from Chroma as on a user's first search), times the first
 * search and the full load, then restarts with snapshots on again.
 */
async function coldStart(stores: BenchStores, query: string): Promise<{ coldMs: number; loadMs: number }> {
  await stores.reopen(false);
  const [coldMs] = await timed(() => stores.api.search(query, { userId: USER }));
  const loadMs = coldMs + (await stores.warmUp(USER));
  await stores.reopen(true);
  return { coldMs, loadMs };
}

/** One user growing through the given sizes: ingest, cold first search after a restart, warm searches, single adds, RSS. */
export async function oneUserCase(ctx: CaseContext, sizes: number[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "memoria-scale-one-"));
  const stream = new UserStream(1, ctx.real);
  const stores = await BenchStores.open(dir, ctx.embedder, ctx.chromaTimeoutMs);
  let stored = 0;
  const rows: string[][] = [];
  try {
    for (const size of [...sizes].sort((a, b) => a - b)) {
      const started = performance.now();
      const from = stored;
      let reported = stored;
      while (stored < size) {
        stored += added(await stores.api.addMany(stream.take(Math.min(CHUNK, size - stored)), { userId: USER }));
        if (size >= 20_000 && stored - reported >= 10_000) {
          progress(`one user → ${size}`, stored, size, started, from);
          reported = stored;
        }
      }
      const ingestMs = performance.now() - started;
      const queries = stream.questions(ctx.budget.planned + 3);
      await stores.warmUp(USER);
      const reopenMs = await stores.reopen();
      const stall = monitorEventLoopDelay({ resolution: 10 });
      stall.enable();
      const [coldMs] = await timed(() => stores.api.search(queries[1]!, { userId: USER }));
      const loadMs = coldMs + (await stores.warmUp(USER));
      stall.disable();
      const before = rssPair(stores.chromaPid);
      const cpu: number[] = [];
      const warm = await timedSearches((i) => stores.api.search(queries[i + 2]!, { userId: USER }), ctx.budget, cpu);
      const after = rssPair(stores.chromaPid);
      const count = stored;
      const add = await timedAdds(ctx, stores, USER, stream);
      stored += add.stored;
      const fromChroma = await coldStart(stores, queries[0]!);
      const { p50, p95 } = p50p95(warm);
      const target = TARGETS[size] ?? { warm: "—", cold: "—" };
      console.log(
        `  one user, ${count} memories (${stream.realTurns} real turns): ingest ${fmtS(ingestMs)}, cold ${fmtMs(coldMs)} ms ` +
          `(${fmtMs(fromChroma.coldMs)} ms without a snapshot), warm p95 ${fmtMs(p95)} ms`,
      );
      rows.push([
        count.toLocaleString("en"),
        `${fmtS(ingestMs)} (${(((count - from) / ingestMs) * 1000).toFixed(0)}/s)`,
        fmtS(reopenMs),
        `${fmtS(coldMs)}`,
        target.cold,
        fmtS(loadMs),
        fmtMs(stall.max / 1e6),
        `${fmtS(fromChroma.coldMs)} / ${fmtS(fromChroma.loadMs)}`,
        `${fmtMs(p50)} / ${fmtMs(p95)} (n=${warm.length})`,
        `${fmtMs(p50p95(cpu).p50)} / ${fmtMs(p50p95(cpu).p95)}`,
        target.warm,
        fmtMs(add.p50),
        rssChange(before.node, after.node),
        rssChange(before.chroma, after.chroma),
      ]);
    }
  } finally {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  }
  printTable(
    "One user growing",
    [
      "memories",
      "ingest (rows/s)",
      "reopen",
      "cold first search",
      "target",
      "index loaded",
      "longest event-loop stall while loading, ms",
      "without a snapshot: cold / loaded",
      "warm p50 / p95 ms",
      "warm CPU p50 / p95 ms",
      "target p95",
      "add p50 ms",
      "RSS node MB (before → after searches)",
      "RSS Chroma MB",
    ],
    rows,
  );
}
