import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { silentLogger } from "../src/config/logger.js";
import { createMemoria } from "../src/graph/create-memoria.js";
import { TIERS } from "../src/graph/tiers.js";
import type { RetainingSqliteSaver } from "../src/memory/store/checkpoint-retention.js";
import { HashEmbeddings } from "../src/providers/hash-embeddings.js";
import { growingSummarizer, longThreadModel, runLongThread, sqliteCheckpointBytes } from "../test/helpers/long-thread.js";

const TURNS = Number(process.env.BENCH_THREAD_TURNS ?? 500);
const SAMPLES = [100, 250, 500].map((t) => Math.round((t * TURNS) / 500));
const WINDOW = 10;

const dataDir = mkdtempSync(join(tmpdir(), "memoria-thread-bench-"));
const config = loadConfig({ MEMORIA_DATA_DIR: dataDir, MEMORIA_EMBEDDINGS: "hash", MEMORIA_CHECKPOINTER: "sqlite", ...process.env });
const model = longThreadModel();
const app = await createMemoria({
  config,
  chatModel: model,
  embedder: new HashEmbeddings(),
  summarizer: growingSummarizer,
  logger: silentLogger,
});
console.log(
  `one ${TURNS}-turn thread per tier: scripted model, a summarizer that never compresses, ${config.checkpointer} checkpointer keeping ${config.checkpointKeep} checkpoints per thread (MEMORIA_CHECKPOINT_KEEP), summary cap 1,000 tokens`,
);
console.log(
  "thread bytes: the thread's checkpoint and write rows; file bytes: checkpoints.sqlite + WAL (all tiers so far share it); turn ms: mean of the 10 turns ending there",
);
console.log("tier | turn | prompt tokens | thread bytes | file bytes | turn ms");
const db = (app.checkpointer as RetainingSqliteSaver).db;
const threadBytes = (threadId: string): number => {
  const q = (sql: string) => (db.prepare(sql).get(threadId) as { n: number | null }).n ?? 0;
  return (
    q("SELECT SUM(length(checkpoint) + length(metadata)) AS n FROM checkpoints WHERE thread_id = ?") +
    q("SELECT SUM(length(value)) AS n FROM writes WHERE thread_id = ?")
  );
};
for (const tier of TIERS) {
  const sampleAt = Array.from({ length: TURNS }, (_, i) => i + 1);
  const threadId = `bench-${tier}`;
  const bytes = new Map<number, number>();
  const samples = await runLongThread({
    app,
    model,
    tier,
    turns: TURNS,
    sampleAt,
    checkpointBytes: () => {
      bytes.set(bytes.size + 1, threadBytes(threadId));
      return sqliteCheckpointBytes(dataDir);
    },
    threadId,
  });
  for (const at of SAMPLES) {
    const recent = samples.filter((s) => s.turn > at - WINDOW && s.turn <= at);
    const s = samples[at - 1]!;
    const ms = recent.reduce((sum, r) => sum + r.turnMs, 0) / recent.length;
    console.log(
      `${tier} | ${at} | ${s.promptTokens} | ${bytes.get(at)!.toLocaleString("en")} | ${s.checkpointBytes.toLocaleString("en")} | ${ms.toFixed(1)}`,
    );
  }
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
