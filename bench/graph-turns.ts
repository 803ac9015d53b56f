import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { createMemoria } from "../src/graph/create-memoria.js";
import { TIERS } from "../src/graph/tiers.js";
import { createEmbedder } from "../src/providers/create-embedder.js";
import { ScriptedChatModel } from "../src/providers/scripted-chat-model.js";

const TURNS = Number(process.argv[2] ?? 40);
const MODES = ["inline", "background"] as const;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const embedder = await createEmbedder("local", { dataDir: join(tmpdir(), "memoria-bench-cache") });
const facts = ["I live in Porto", "I work as a nurse", "My dog Rex is a beagle", "I am allergic to peanuts", "I play chess on Sundays"];
const model = new ScriptedChatModel({
  reply: () => "Sure.",
  structured: (tool, messages) => {
    const text = String(messages.at(-1)?.content ?? "");
    const hit = facts.find((f) => text.includes(f));
    if (tool === "reconcile_memory") return { action: "ADD", targetId: null, content: null };
    if (tool === "extract_memories")
      return {
        memories: hit ? [{ content: `User says: ${hit}`, type: "fact", category: "personal", importance: 0.6, eventDate: null }] : [],
      };
    return { entities: hit?.includes("Rex") ? [{ name: "Rex", kind: "pet", attributes: [{ key: "breed", value: "beagle" }] }] : [] };
  },
});
const warm = performance.now();
await embedder.embedQuery("warm up the embedder");
console.log(`embedder warm-up (cache load): ${(performance.now() - warm).toFixed(0)} ms`);
console.log(
  `graph turn latency, ${TURNS} turns per tier, scripted model (no LLM time), local embeddings, embedded Chroma, SQLite checkpointer`,
);
console.log("background: the turn returns after the reply; `drain` is the wait for the tier's queued extraction after its last turn");
console.log("extraction | tier | p50 ms | p95 ms | mean ms | drain ms");
for (const extraction of MODES) {
  const dataDir = mkdtempSync(join(tmpdir(), "memoria-bench-"));
  const app = await createMemoria({ config: loadConfig({ MEMORIA_DATA_DIR: dataDir }), chatModel: model, embedder, extraction });
  for (const tier of TIERS) {
    const times: number[] = [];
    for (let i = 0; i < TURNS; i++) {
      const text = i % 4 === 0 ? facts[(i / 4) % facts.length]! : `Tell me something about topic ${i} and what I said before`;
      const t = performance.now();
      await app.graph.invoke(
        { messages: [{ role: "user", content: text }] },
        { configurable: { thread_id: `${tier}-${Math.floor(i / 10)}` }, context: { userId: `bench-${tier}`, tier } },
      );
      times.push(performance.now() - t);
    }
    const d = performance.now();
    await app.background.drain();
    const drain = performance.now() - d;
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `${extraction} | ${tier} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${mean.toFixed(1)} | ${drain.toFixed(0)}`,
    );
  }
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
