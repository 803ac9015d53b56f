import { UserIndex } from "../src/memory/index/user-index.js";
import { unitVector } from "../src/memory/index/vector/vector-table.js";
import type { MemoryRecord } from "../src/memory/types.js";
import { percentile } from "../evals/locomo/metrics.js";
import { seededRandom, SyntheticMemories } from "./scale/synthetic-memories.js";

const SIZES = (process.argv[2] ?? "10000,100000").split(",").map(Number);
const DIM = 100;
const gc = (globalThis as { gc?: () => void }).gc;

/** Synthetic records on threads of 25, with random vectors (the build does not care what they mean). */
function corpus(n: number): { records: MemoryRecord[]; vectors: number[][]; questions: string[] } {
  const memories = new SyntheticMemories(7);
  const random = seededRandom(11);
  const records: MemoryRecord[] = [];
  const vectors: number[][] = [];
  const questions: string[] = [];
  for (let i = 0; i < n; i++) {
    const fact = memories.next();
    const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
    records.push({
      id: `m-${i}`,
      userId: "u",
      content: fact.text,
      type: "fact",
      category: "other",
      importance: 0.5,
      createdAt: at,
      updatedAt: at,
      lastAccessedAt: null,
      accessCount: 0,
      source: { threadId: `session-${Math.floor(i / 25)}`, messageIds: [`D${Math.floor(i / 25)}:${i % 25}`] },
      validUntil: null,
    });
    vectors.push(Array.from({ length: DIM }, () => random() - 0.5));
    if (i % Math.max(1, Math.floor(n / 200)) === 0) questions.push(memories.question(fact));
  }
  return { records, vectors, questions };
}

console.log("Index build and in-process search of one user (UserIndex: BM25, thread windows, vectors), synthetic memories.");
console.log(
  "| memories | build s | longest event-loop stall ms | heap + external (buffers, WebAssembly memory) MB (budget estimate MB) | BM25 + windows + vectors p50 / p95 ms |\n|---|---|---|---|---|",
);
for (const n of SIZES) {
  const { records, vectors, questions } = corpus(n);
  gc?.();
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const heapBefore = used();
  let last = performance.now();
  let stall = 0;
  const monitor = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  const lexicon = await UserIndex.build(records, vectors);
  const buildMs = performance.now() - started;
  clearInterval(monitor);
  gc?.();
  const heapMb = (used() - heapBefore) / 2 ** 20;
  const random = seededRandom(3);
  const filter = { userId: "u", current: true };
  const latencies = questions.map((q) => {
    const t = performance.now();
    lexicon.search(q, filter, 40);
    lexicon.searchWindows(q, filter, 40);
    const query = unitVector(Array.from({ length: DIM }, () => random() - 0.5));
    lexicon.vectors.nearest(query, (id) => lexicon.matches(id, filter), 40);
    return performance.now() - t;
  });
  console.log(
    `| ${n.toLocaleString("en")} | ${(buildMs / 1000).toFixed(1)} | ${stall.toFixed(0)} | ${heapMb.toFixed(0)}${gc ? "" : " (no --expose-gc)"} (${(lexicon.bytes / 2 ** 20).toFixed(0)}) | ${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} |`,
  );
}
console.log(
  "Measured memory excludes the records themselves (held by the caller here; the estimate counts them). Target: no stall over 50 ms; warm search p95 <= 50 ms at 100k.",
);
