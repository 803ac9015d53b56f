import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStores } from "../src/memory/store/open-stores.js";
import { createEmbedder } from "../src/providers/create-embedder.js";

const TURNS = Number(process.argv[2] ?? 600);
const P95_TARGET_MS = 15;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const WORDS =
  "river garden sister concert pottery marathon Lisbon adoption painting camping recipe violin guitar beach museum workshop puppy school job interview".split(
    " ",
  );
const sentence = (i: number, n: number) => Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");

const dataDir = mkdtempSync(join(tmpdir(), "memoria-bench-episodes-"));
const embedder = await createEmbedder("local", { dataDir: join(dataDir, "..", "memoria-bench-cache") });
await embedder.embedQuery("warm up the embedder");
const stores = await openStores({ dataDir, embedder });
const times: number[] = [];
try {
  for (let i = 0; i < TURNS; i++) {
    const episode = {
      userMessage: `Turn ${i}: I went to the ${sentence(i, 18)} yesterday.`,
      assistantMessage: `That sounds lovely, tell me more about the ${sentence(i + 1, 12)}.`,
    };
    const t = performance.now();
    await stores.memory.storeEpisode(
      "bench-user",
      episode,
      { threadId: `thread-${Math.floor(i / 20)}`, messageIds: [`h${i}`, `a${i}`] },
      new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
    );
    times.push(performance.now() - t);
  }
} finally {
  await stores.close();
  rmSync(dataDir, { recursive: true, force: true });
}
const p95 = percentile(times, 95);
console.log(`episode store overhead per turn, ${TURNS} turns of one conversation, local embeddings, embedded Chroma (no chat model)`);
console.log(
  `p50 ${percentile(times, 50).toFixed(1)} ms | p95 ${p95.toFixed(1)} ms | max ${Math.max(...times).toFixed(1)} ms | target p95 <= ${P95_TARGET_MS} ms: ${p95 <= P95_TARGET_MS ? "met" : "MISSED"}`,
);
