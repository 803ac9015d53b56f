import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { BackgroundExtraction } from "../src/memory/background/background-extraction.js";
import { runExtractionJob } from "../src/memory/extraction/run-extraction.js";
import { openStores, type OpenStores } from "../src/memory/store/open-stores.js";
import { storeEpisode } from "../src/nodes/store-episode.js";
import { createEmbedder } from "../src/providers/create-embedder.js";

const TURNS = Number(process.argv[2] ?? 600);
const P95_TARGET_MS = 15;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const WORDS =
  "river garden sister concert pottery marathon Lisbon adoption painting camping recipe violin guitar beach museum workshop puppy school job interview".split(
    " ",
  );
const sentence = (i: number, n: number) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");
const exchange = (i: number) => [
  new HumanMessage({ id: `h${i}`, content: `Turn ${i}: I went to the ${sentence(i, 18)} yesterday.` }),
  new AIMessage({ id: `a${i}`, content: `That sounds lovely, tell me more about the ${sentence(i + 1, 12)}.` }),
];
const config = (i: number) => ({
  configurable: { thread_id: `thread-${Math.floor(i / 20)}` },
  context: { userId: "bench-user", tier: "A", now: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() },
});
const summary = (label: string, times: number[]) => {
  const p95 = percentile(times, 95);
  const verdict = p95 <= P95_TARGET_MS ? "met" : "MISSED";
  return `${label}: p50 ${percentile(times, 50).toFixed(1)} ms | p95 ${p95.toFixed(1)} ms | max ${Math.max(...times).toFixed(1)} ms | target p95 <= ${P95_TARGET_MS} ms: ${verdict}`;
};

/** Per-turn cost of the episode step over TURNS turns; with background extraction the episode is queued and written after the turn. */
async function run(stores: OpenStores, mode: "inline" | "background"): Promise<string> {
  const background =
    mode === "background"
      ? new BackgroundExtraction(stores.ledger.queue, (job) => runExtractionJob({ memory: stores.memory }, job))
      : undefined;
  const times: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const t = performance.now();
    await storeEpisode(exchange(i), config(i), { memory: stores.memory, background });
    times.push(performance.now() - t);
  }
  const drainStart = performance.now();
  await background?.drain();
  const drained = background ? ` | queue drained ${((performance.now() - drainStart) / 1000).toFixed(1)} s after the last turn` : "";
  const stored = (await stores.memory.all({ userId: "bench-user", kind: "episode" })).length;
  return `${summary(mode === "inline" ? "inline (written during the turn)" : "background (queued, written after the turn)", times)}${drained} | episodes stored ${stored}/${TURNS}`;
}

const lines: string[] = [];
for (const mode of ["inline", "background"] as const) {
  const dataDir = mkdtempSync(join(tmpdir(), "memoria-bench-episodes-"));
  const embedder = await createEmbedder("local", { dataDir: join(dataDir, "..", "memoria-bench-cache") });
  await embedder.embedQuery("warm up the embedder");
  const stores = await openStores({ dataDir, embedder });
  try {
    lines.push(await run(stores, mode));
  } finally {
    await stores.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`episode step per turn, ${TURNS} turns of one conversation, local embeddings, embedded Chroma (no chat model)`);
for (const line of lines) console.log(line);
