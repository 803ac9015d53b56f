import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocomoChroma } from "../evals/locomo/memory-api-method.js";
import { percentile } from "../evals/locomo/metrics.js";
import { MemoryApi } from "../src/memory/api/memory-api.js";
import { openStores } from "../src/memory/store/open-stores.js";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";

const USAGE = "Usage: npx tsx bench/filtered-search.ts [--memories 10000] [--searches 300] [--warmup 100] [--no-metadata]";
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const N = arg("memories", 10_000);
const SEARCHES = arg("searches", 300);
const WARMUP = arg("warmup", 100);
const METADATA = !process.argv.includes("--no-metadata");
const PEOPLE = ["Ana", "Bo", "Caro", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"];
const THINGS = ["pottery", "marathon", "violin", "camping", "interview", "book club", "bakery", "art show", "ramen", "Lisbon trip"];
const SOURCES = ["crm", "chat", "email", "web", "import"];
const text = (i: number) => `${PEOPLE[i % 12]} mentioned the ${THINGS[(i * 7) % 10]} on day ${i % 365}, note ${i}.`;

/** Search latency at N memories of one user: without a filter, and with metadata and built-in filters (metadata only with metadata). */
async function main(): Promise<void> {
  if (process.argv.includes("--help")) return console.log(USAGE);
  const embedder = new LocalEmbeddings();
  const chroma = new LocomoChroma();
  const dataDir = await mkdtemp(join(tmpdir(), "memoria-bench-filter-"));
  const stores = await openStores({ chromaUrl: await chroma.chromaUrl(), dataDir, collectionPrefix: "bench_filter", embedder });
  const userId = "bench-user";
  try {
    const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
    const items = Array.from({ length: N }, (_, i) => ({
      text: text(i),
      metadata: METADATA
        ? { category: i % 3 ? "work" : "food", source: SOURCES[i % 5], priority: i % 10 }
        : { category: i % 3 ? "work" : "food" },
    }));
    for (let i = 0; i < N; i += 1_000) await api.addMany(items.slice(i, i + 1_000), { userId });
    const cases: Array<[string, Record<string, unknown> | undefined]> = [
      ["no filter", undefined],
      ["category (built-in)", { category: "food" }],
      ...(METADATA
        ? ([
            ["metadata.source = crm", { "metadata.source": "crm" }],
            ["metadata.priority >= 7", { "metadata.priority": { $gte: 7 } }],
            ["OR + NOT over metadata", { OR: [{ "metadata.source": "crm" }, { NOT: { "metadata.priority": { $lt: 8 } } }] }],
          ] as Array<[string, Record<string, unknown>]>)
        : []),
    ];
    const query = (s: number) => `What did ${PEOPLE[s % 12]} say about the ${THINGS[s % 10]}?`;
    for (let s = 0; s < WARMUP; s++) for (const [, filters] of cases) await api.search(query(s), { userId, filters });
    console.log(
      `${N} memories of one user (addMany), LocalEmbeddings, embedded Chroma; ${WARMUP} warm-up rounds, then ${SEARCHES} rounds of every case in turn (interleaved, so load hits all cases alike), limit 6.\n`,
    );
    const latencies = cases.map(() => [] as number[]);
    const found = cases.map(() => 0);
    for (let s = 0; s < SEARCHES; s++) {
      for (let c = 0; c < cases.length; c++) {
        const t = performance.now();
        found[c]! += (await api.search(query(s), { userId, filters: cases[c]![1] })).length;
        latencies[c]!.push(performance.now() - t);
      }
    }
    console.log("| filter | results | p50 ms | p90 ms | p95 ms |\n|---|---|---|---|---|");
    cases.forEach(([name], c) => {
      const p = (q: number) => percentile(latencies[c]!, q).toFixed(2);
      console.log(`| ${name} | ${(found[c]! / SEARCHES).toFixed(1)} | ${p(50)} | ${p(90)} | ${p(95)} |`);
    });
  } finally {
    await stores.close();
    await chroma.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
