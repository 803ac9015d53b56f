import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryApi } from "../src/memory/api/memory-api.js";
import type { MemoryExport } from "../src/memory/api/memory-export.js";
import { openStores } from "../src/memory/store/open-stores.js";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";
import { cpuMs, loadLine } from "./scale/measure.js";

const COUNT = Number(process.env.IMPORT_BENCH_COUNT ?? 50_000);
const at = "2025-01-01T00:00:00.000Z";

/** An export of COUNT synthetic memories and 50 entities. */
function exportFile(): MemoryExport {
  const memories = Array.from({ length: COUNT }, (_, i) => ({
    id: `bench-${i}`,
    userId: "bench",
    content: `Imported fact number ${i} about topic ${i % 97} and place ${i % 13}`,
    type: "fact" as const,
    category: "other",
    importance: 0.5,
    createdAt: at,
    updatedAt: at,
    lastAccessedAt: null,
    accessCount: 0,
    source: {},
  }));
  const entities = Array.from({ length: 50 }, (_, i) => ({
    id: `e${i}`,
    userId: "bench",
    name: `Person ${i}`,
    kind: "person",
    attributes: { n: String(i) },
    createdAt: at,
    updatedAt: at,
    lastAccessedAt: null,
    accessCount: 0,
  }));
  return { format: "memoria-export", version: 1, userId: "bench", exportedAt: at, memories, entities, history: [] };
}

async function main(): Promise<void> {
  const embedder = new LocalEmbeddings();
  await embedder.embedQuery("warm up");
  const dataDir = await mkdtemp(join(tmpdir(), "memoria-import-bench-"));
  const stores = await openStores({ dataDir, embedder });
  try {
    const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
    const data = exportFile();
    const [chromaBefore, appBefore] = [cpuMs(stores.server?.pid), cpuMs()];
    const started = performance.now();
    const report = await api.import("bench-user", data);
    const seconds = (performance.now() - started) / 1000;
    const [chromaAfter, appAfter] = [cpuMs(stores.server?.pid), cpuMs()];
    const perRow = (before?: number, after?: number) =>
      before === undefined || after === undefined ? "n/a" : `${(((after - before) / COUNT) * 1000).toFixed(0)} µs`;
    const stored = (await stores.memory.getMany(data.memories.map((m) => m.id))).filter((m) => m.userId === "bench-user").length;
    console.log(
      `import: ${report.memories} memories + ${report.entities} entities in ${seconds.toFixed(1)} s = ${Math.round(report.memories / seconds)} items/s ` +
        `(embedded Chroma, local embeddings); stored ${stored}; CPU per row: Chroma ${perRow(chromaBefore, chromaAfter)}, ` +
        `memoria ${perRow(appBefore, appAfter)}; ${loadLine()}`,
    );
    if (stored !== COUNT) throw new Error(`expected ${COUNT} stored memories, found ${stored}`);
    const listStarted = performance.now();
    const page = await api.list({ userId: "bench-user", limit: 20 });
    console.log(`list, first page of ${page.total} memories: ${((performance.now() - listStarted) / 1000).toFixed(1)} s`);
  } finally {
    await stores.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
