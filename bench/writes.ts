import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryStore } from "@langchain/langgraph";
import { MemoryApi } from "../src/memory/api/memory-api.js";
import { startChromaServer } from "../src/memory/records/chroma/chroma-server.js";
import { openStores } from "../src/memory/store/open-stores.js";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";
import { cpuMs, loadLine } from "./scale/measure.js";

// mem0 reads MEM0_TELEMETRY when its module loads, so it is imported below, after this line.
process.env.MEM0_TELEMETRY = "false";
const { Memory } = await import("mem0ai/oss");

const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
/** Issue 14's target for addMany with local embeddings. */
const BATCH_TARGET = 2_000;
const SINGLE = Number(process.env.BENCH_SINGLE ?? 2_000);
const PEOPLE = ["Maya", "Jonas", "Ines", "Priya", "Tom", "Aiko", "Carlos", "Leila", "Noor", "Sven"];
const DOINGS = [
  "started a pottery class",
  "ran a half marathon",
  "adopted a greyhound",
  "moved to Lisbon",
  "learned the cello",
  "planted tomatoes",
  "booked a trip to Kyoto",
  "changed jobs",
  "baked sourdough",
  "joined a choir",
];

/** Varied, deterministic sentences: no two alike. */
const sentence = (i: number) => `${PEOPLE[i % 10]} ${DOINGS[Math.floor(i / 10) % 10]} in week ${Math.floor(i / 100)} (note ${i}).`;
const rate = (n: number, ms: number) => `${((n / ms) * 1000).toFixed(0)} items/s`;

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const embedder = new LocalEmbeddings();
  await embedder.embedQuery("warm up");
  const dir = await mkdtemp(join(tmpdir(), "memoria-bench-writes-"));
  const chroma = await startChromaServer({ path: join(dir, "chroma") });
  const rows: Array<[string, string]> = [];
  const notes: string[] = [];
  try {
    const stores = await openStores({ chromaUrl: chroma.url, dataDir: dir, collectionPrefix: "bench_writes", embedder });
    const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
    const items = Array.from({ length: BATCH }, (_, i) => ({ text: sentence(i) }));
    const [chromaBefore, appBefore] = [cpuMs(chroma.pid), cpuMs()];
    const batchMs = await timed(() => api.addMany(items, { userId: "bench-batch" }).then(() => undefined));
    const perRow = (before?: number, after?: number) =>
      before === undefined || after === undefined ? "n/a" : `${(((after - before) / BATCH) * 1000).toFixed(0)} µs`;
    const batchRate = (BATCH / batchMs) * 1000;
    rows.push([
      `memoria addMany (${BATCH})`,
      `${rate(BATCH, batchMs)} (target ≥ ${BATCH_TARGET}: ${batchRate >= BATCH_TARGET ? "met" : "not met"})`,
    ]);
    notes.push(
      `addMany CPU per row: Chroma ${perRow(chromaBefore, cpuMs(chroma.pid))}, memoria ${perRow(appBefore, cpuMs())} ` +
        `(the rate is bound by the Chroma process; ${loadLine()} at the end of the batch)`,
    );
    const singleMs = await timed(async () => {
      for (let i = 0; i < SINGLE; i++) await api.add(sentence(i), { userId: "bench-single", infer: false });
      await stores.memory.flushWrites();
    });
    rows.push([`memoria add, infer: false, one at a time (${SINGLE})`, rate(SINGLE, singleMs)]);
    await stores.close();

    const mem0 = new Memory({
      embedder: { provider: "langchain", config: { model: embedder } },
      vectorStore: {
        provider: "memory",
        config: { collectionName: "bench", dimension: embedder.dimension, dbPath: join(dir, "mem0-vectors.db") },
      },
      llm: { provider: "openai", config: { apiKey: "unused-with-infer-false" } },
      historyDbPath: join(dir, "mem0-history.db"),
    });
    const mem0Ms = await timed(async () => {
      for (let i = 0; i < SINGLE; i++) await mem0.add(sentence(i), { userId: "bench-single", infer: false });
    });
    rows.push([`mem0 OSS add, infer: false (${SINGLE})`, rate(SINGLE, mem0Ms)]);
    rows.push(["memoria single add / mem0 add (same run)", `${(mem0Ms / singleMs).toFixed(2)}x`]);

    const store = new InMemoryStore({ index: { dims: embedder.dimension, embeddings: embedder, fields: ["text"] } });
    const lgMs = await timed(async () => {
      for (let i = 0; i < SINGLE; i++) await store.put(["bench-single", "memories"], `m${i}`, { text: sentence(i) });
    });
    rows.push([`LangGraph InMemoryStore put with index (${SINGLE})`, rate(SINGLE, lgMs)]);
  } finally {
    await chroma.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`Writes with LocalEmbeddings; memoria on an embedded Chroma server.\n`);
  console.log("| system | rate |\n| --- | --- |");
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  for (const note of notes) console.log(`\n${note}`);
}

await main();
