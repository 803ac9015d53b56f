import { percentile } from "../evals/locomo/metrics.js";
import { SimdPool, simdAvailable, strideOf } from "../src/memory/index/vector/simd-scan.js";
import { filteredTopK, topScored } from "../src/memory/index/top-k.js";
import { scanScores, unitVector, VectorTable } from "../src/memory/index/vector/vector-table.js";
import { seededRandom } from "./scale/synthetic-memories.js";

const N = Number(process.argv[2] ?? 100_000);
const DIM = Number(process.argv[3] ?? 100);
const K = 40;
const gc = (globalThis as { gc?: () => void }).gc;
const random = seededRandom(5);
const vector = (dim = DIM) => Array.from({ length: dim }, () => random() - 0.5);
const queries = Array.from({ length: 60 }, () => unitVector(vector()));

/** p50 / p95 ms of each step over the queries, the steps interleaved query by query so that load from elsewhere hits them alike. */
function compare(steps: Array<[string, (query: Float32Array) => unknown]>): Map<string, number[]> {
  for (const [, run] of steps) for (const q of queries.slice(0, 3)) run(q);
  const ms = new Map<string, number[]>(steps.map(([label]) => [label, []]));
  for (const q of queries) {
    for (const [label, run] of steps) {
      const t = performance.now();
      run(q);
      ms.get(label)!.push(performance.now() - t);
    }
  }
  return ms;
}

const fmt = (ms: number[]) => `${percentile(ms, 50).toFixed(2)} / ${percentile(ms, 95).toFixed(2)}`;

/** Top-k as main did it: a slot list built per call, then filteredTopK with a comparator closure. */
function previousTopK(scores: Float32Array, keys: string[], accept: (id: string) => boolean): number[] {
  const slots: number[] = [];
  for (let slot = 0; slot < keys.length; slot++) slots.push(slot);
  const order = (a: number, b: number) => scores[b]! - scores[a]! || (keys[a]! < keys[b]! ? -1 : 1);
  return filteredTopK(slots, K, order, (slot) => accept(keys[slot]!));
}

/** The nearest() of main before this change: a new scores array and a slot list per call, then filteredTopK. */
function previousNearest(pool: Float32Array, ids: string[], query: Float32Array, accept: (id: string) => boolean) {
  const scores = new Float32Array(ids.length);
  const slots: number[] = [];
  scanScores(pool, DIM, ids.length, query, scores);
  for (let slot = 0; slot < ids.length; slot++) slots.push(slot);
  const order = (a: number, b: number) => scores[b]! - scores[a]! || (ids[a]! < ids[b]! ? -1 : 1);
  return filteredTopK(slots, K, order, (slot) => accept(ids[slot]!)).map((slot) => ({ id: ids[slot]!, similarity: scores[slot]! }));
}

console.log(
  `Exact vector scan, ${N.toLocaleString("en")} unit vectors of dimension ${DIM}; WebAssembly SIMD available: ${simdAvailable()}.`,
);
const ids = Array.from({ length: N }, (_, i) => `m-${i}`);
const rows = ids.map(() => unitVector(vector()));
const stride = strideOf(DIM);
const jsPool = new Float32Array(N * stride);
rows.forEach((r, i) => jsPool.set(r, i * stride));
const simd = SimdPool.create(stride, N);
simd?.rows.set(jsPool);
const out = new Float32Array(N);
const tables = { js: new VectorTable({ simdFromFloats: Infinity }), simd: new VectorTable({ simdFromFloats: 0 }) };
for (const table of Object.values(tables)) ids.forEach((id, i) => table.set(id, rows[i]!));
const all = () => true;
const half = (id: string) => id.charCodeAt(id.length - 1) % 2 === 0;
const steps: Array<[string, (query: Float32Array) => unknown]> = [
  ["scan alone, JS loop (4 accumulators)", (q) => scanScores(jsPool, stride, N, q, out)],
  ...(simd ? [["scan alone, WebAssembly f32x4", (q: Float32Array) => simd.scores(q, N)] as [string, (q: Float32Array) => unknown]] : []),
  [`top-k alone, previous (slot list + filteredTopK)`, () => previousTopK(out, ids, all)],
  [`top-k alone, topScored over the scores`, () => topScored(out, ids, N, K, all)],
  [`nearest k=${K}, previous (JS scan, new arrays, filteredTopK)`, (q) => previousNearest(jsPool, ids, q, all)],
  [`nearest k=${K}, JS scan + topScored`, (q) => tables.js.nearest(q, all, K)],
  [`nearest k=${K}, SIMD scan + topScored`, (q) => tables.simd.nearest(q, all, K)],
  [`nearest k=${K}, half accepted, previous`, (q) => previousNearest(jsPool, ids, q, half)],
  [`nearest k=${K}, half accepted, SIMD`, (q) => tables.simd.nearest(q, half, K)],
];
console.log("| step | p50 / p95 ms |\n|---|---|");
for (const [label, ms] of compare(steps)) console.log(`| ${label} | ${fmt(ms)} |`);

console.log("\nSmall tables: nearest p50 ms, JS scan vs SIMD scan, and bytes of the pool and its buffers.");
console.log("| vectors | JS p50 ms | SIMD p50 ms | JS bytes | SIMD bytes |\n|---|---|---|---|---|");
for (const n of [20, 200, 500, 1000, 2000, 5000]) {
  const pair = [new VectorTable({ simdFromFloats: Infinity }), new VectorTable({ simdFromFloats: 0 })];
  for (const table of pair) for (let i = 0; i < n; i++) table.set(ids[i]!, rows[i]!);
  const [jsMs, simdMs] = [...compare(pair.map((t, i) => [`${i}`, (q) => t.nearest(q, all, K)])).values()];
  const p50 = (ms: number[]) => percentile(ms, 50).toFixed(3);
  console.log(`| ${n} | ${p50(jsMs!)} | ${p50(simdMs!)} | ${pair[0]!.bytes} | ${pair[1]!.bytes} |`);
}

const USERS = 10_000;
gc?.();
const before = process.memoryUsage();
const started = performance.now();
const many = Array.from({ length: USERS }, (_, u) => {
  const table = new VectorTable();
  for (let i = 0; i < 20; i++) table.set(ids[(u * 20 + i) % N]!, rows[(u * 20 + i) % N]!);
  return table;
});
const buildMs = performance.now() - started;
gc?.();
const after = process.memoryUsage();
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
console.log(
  `\n${USERS.toLocaleString("en")} tables of 20 vectors (default threshold, ${many.filter((t) => t.usesSimd).length} on SIMD): built in ${buildMs.toFixed(0)} ms, ` +
    `heap +${mb(after.heapUsed - before.heapUsed)} MB, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB${gc ? "" : " (no --expose-gc)"}.`,
);
