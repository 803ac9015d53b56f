// Soak: tier-A turns for 30 users against embedded Chroma with a scripted model; Chroma is restarted once in the middle.
// Duration: SOAK_SECONDS (default 120, capped at 300). Run: npm run bench -- soak
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { silentLogger } from "../src/config/logger.js";
import { createMemoria } from "../src/graph/create-memoria.js";
import { startChromaServer, type ChromaServer } from "../src/memory/records/chroma/chroma-server.js";
import { HashEmbeddings } from "../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../src/providers/scripted-chat-model.js";
import { messageText } from "../src/memory/token-counter.js";

const SECONDS = Math.min(300, Math.max(10, Number(process.env.SOAK_SECONDS ?? 120)));
const USERS = 30;
const percentile = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const chromaRss = (pid?: number) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

const FACT = /my code word (\d+) is (\w+)/;
const model = new ScriptedChatModel({
  reply: () => "Noted.",
  structured: (tool, messages) => {
    const hit = FACT.exec(messageText(messages.at(-1)!));
    if (tool === "extract_memories") {
      return {
        memories: hit
          ? [{ content: `User's code word ${hit[1]} is ${hit[2]}`, type: "fact", category: "codes", importance: 0.7, eventDate: null }]
          : [],
      };
    }
    if (tool === "reconcile_memory") return { action: "ADD", targetId: null, content: null };
    if (tool === "extract_entities") return { entities: [] };
    return {};
  },
});

const dataDir = mkdtempSync(join(tmpdir(), "memoria-soak-"));
const app = await createMemoria({
  config: loadConfig({ MEMORIA_DATA_DIR: dataDir, MEMORIA_CHROMA_TIMEOUT_MS: "5000" }),
  chatModel: model,
  embedder: new HashEmbeddings(),
  logger: silentLogger,
});
const rss0 = process.memoryUsage().rss;
const chroma0 = chromaRss(app.stores.server?.pid);
console.log(
  `soak: ${USERS} users, tier A, scripted model, hash embeddings, embedded Chroma, SQLite checkpointer, ${SECONDS} s, one Chroma restart at ${SECONDS / 2} s`,
);

const started = performance.now();
const deadline = started + SECONDS * 1000;
const samples: { at: number; ms: number }[] = [];
const acknowledged = new Map<string, string[]>();
let turns = 0;
let errors = 0;
const errorKinds = new Map<string, number>();
let restarted: ChromaServer | undefined;
let restartMs = 0;

async function user(u: number): Promise<void> {
  const userId = `soak-${u}`;
  for (let i = 0; performance.now() < deadline; i++) {
    const fact = i % 3 === 0 ? `word${u}x${i}` : undefined;
    const text = fact ? `Please remember that my code word ${i} is ${fact}` : `What was code word ${i - 1} again?`;
    const t = performance.now();
    try {
      await app.graph.invoke(
        { messages: [{ role: "user", content: text }] },
        { configurable: { thread_id: `${userId}-${Math.floor(i / 8)}` }, context: { userId, tier: "A" } },
      );
      samples.push({ at: t - started, ms: performance.now() - t });
      turns++;
      if (fact) acknowledged.set(userId, [...(acknowledged.get(userId) ?? []), `User's code word ${i} is ${fact}`]);
    } catch (error) {
      errors++;
      const name = (error as Error).name;
      errorKinds.set(name, (errorKinds.get(name) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function restartChroma(): Promise<void> {
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
  const server = app.stores.server!;
  const t = performance.now();
  await server.stop();
  restarted = await startChromaServer({ path: join(dataDir, "chroma"), port: server.port });
  restartMs = performance.now() - t;
  console.log(
    `chroma restarted at ${((t - started) / 1000).toFixed(0)} s in ${restartMs.toFixed(0)} ms (old pid ${server.pid}, new pid ${restarted.pid})`,
  );
}

await Promise.all([...Array.from({ length: USERS }, (_, u) => user(u)), restartChroma()]);
const elapsed = (performance.now() - started) / 1000;

await app.background.drain();
let lost = 0;
for (const [userId, facts] of acknowledged) {
  const stored = new Set((await app.stores.memory.list(userId)).map((m) => m.content));
  lost += facts.filter((f) => !stored.has(f)).length;
}
const window = (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms);
const quarter = (SECONDS * 1000) / 4;
const first = window(0, quarter);
const last = window(SECONDS * 1000 - quarter, Infinity);
const factsAcked = [...acknowledged.values()].reduce((n, f) => n + f.length, 0);
console.log(
  `turns ok: ${turns} (${(turns / elapsed).toFixed(1)}/s), errors: ${errors}${errorKinds.size ? ` (${[...errorKinds].map(([k, v]) => `${k} ${v}`).join(", ")})` : ""}`,
);
console.log(`facts acknowledged: ${factsAcked}, lost facts: ${lost}`);
console.log(
  `latency first ${quarter / 1000} s: p50 ${percentile(first, 50).toFixed(0)} ms, p95 ${percentile(first, 95).toFixed(0)} ms (${first.length} turns)`,
);
console.log(
  `latency last ${quarter / 1000} s: p50 ${percentile(last, 50).toFixed(0)} ms, p95 ${percentile(last, 95).toFixed(0)} ms (${last.length} turns)`,
);
console.log(
  `RSS node: ${mb(rss0)} -> ${mb(process.memoryUsage().rss)}; chroma: ${mb(chroma0)} -> ${mb(chromaRss(restarted?.pid))} (after restart)`,
);
await app.close();
await restarted?.stop();
rmSync(dataDir, { recursive: true, force: true });
if (lost > 0) process.exitCode = 1;
