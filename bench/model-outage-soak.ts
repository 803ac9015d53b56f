// Soak: tier-A turns for SOAK_USERS users (default 8) against embedded Chroma and a fake OpenAI-compatible model server whose
// extraction and reconciliation calls are refused (503, then 429 with Retry-After, alternating every 5 s) for OUTAGE_SECONDS
// (default 30) in the middle of SOAK_SECONDS (default 60, at most 300); replies keep working. Runs inline, then background
// (SOAK_MODES=inline,background), through the shipped OpenAI client (createChatModel), and prints turns, facts expected and
// facts stored after the model is back. Run: npm run bench -- model-outage-soak
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { createMemoria } from "../src/graph/create-memoria.js";
import { HashEmbeddings } from "../src/providers/hash-embeddings.js";
import { startFakeOpenAI } from "../test/dev-server/fake-openai-server.js";

const SECONDS = Math.min(300, Math.max(20, Number(process.env.SOAK_SECONDS ?? 60)));
const OUTAGE = Math.min(SECONDS - 10, Math.max(5, Number(process.env.OUTAGE_SECONDS ?? 30)));
const USERS = Math.max(1, Number(process.env.SOAK_USERS ?? 8));
const THINK_MS = 1_000;
const MODES = (process.env.SOAK_MODES ?? "inline,background").split(",") as ("inline" | "background")[];
const MAX_TURNS = Math.ceil((SECONDS * 1000) / THINK_MS) + 1;

const keyword = (u: number, i: number) => `word-${u}-${i}.`;
const content = (u: number, i: number) => `User's code word ${i} is ${keyword(u, i).slice(0, -1)}`;
const facts: Record<string, string> = {};
for (let u = 0; u < USERS; u++) for (let i = 0; i < MAX_TURNS; i++) facts[keyword(u, i)] = content(u, i);

async function soak(mode: "inline" | "background"): Promise<number> {
  const fake = await startFakeOpenAI({ facts });
  const dataDir = mkdtempSync(join(tmpdir(), "memoria-outage-soak-"));
  const warnings = new Map<string, number>();
  const app = await createMemoria({
    config: loadConfig({ MEMORIA_DATA_DIR: dataDir, MEMORIA_CHAT_MODEL: "openai:fake", OPENAI_BASE_URL: fake.baseUrl }),
    embedder: new HashEmbeddings(),
    extraction: mode,
    logger: {
      warn: (message) => {
        const kind = message.replace(/\d+/g, "#").replace(/\(.*$/s, "").trim();
        warnings.set(kind, (warnings.get(kind) ?? 0) + 1);
      },
      info: () => {},
    },
  });
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const outageFrom = ((SECONDS - OUTAGE) / 2) * 1000;
  const outageTo = outageFrom + OUTAGE * 1000;
  let peakPending = 0;
  const weather = setInterval(() => {
    const at = performance.now() - started;
    const phase = Math.floor((at - outageFrom) / 5_000) % 2;
    fake.outage = at < outageFrom || at >= outageTo ? undefined : phase === 0 ? { status: 503 } : { status: 429, retryAfter: "2" };
    void app.pendingExtractions().then((n) => (peakPending = Math.max(peakPending, n)));
  }, 100);

  const expected = new Map<string, string[]>();
  let turns = 0;
  let duringOutage = 0;
  const errors = new Map<string, number>();
  const user = async (u: number) => {
    const userId = `outage-${u}`;
    for (let i = 0; performance.now() < deadline; i++) {
      const t = performance.now();
      try {
        await app.graph.invoke(
          { messages: [{ role: "user", content: `Please remember that my code word ${i} is ${keyword(u, i)}` }] },
          { configurable: { thread_id: `${userId}-t` }, context: { userId, tier: "A" } },
        );
        turns++;
        if (fake.outage) duringOutage++;
        expected.set(userId, [...(expected.get(userId) ?? []), content(u, i)]);
      } catch (error) {
        errors.set((error as Error).name, (errors.get((error as Error).name) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, THINK_MS - (performance.now() - t))));
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
  clearInterval(weather);
  fake.outage = undefined;
  const drainStart = performance.now();
  await app.background.drain();
  const drainSeconds = (performance.now() - drainStart) / 1000;

  let expectedCount = 0;
  let stored = 0;
  for (const [userId, wanted] of expected) {
    const have = new Set((await app.stores.memory.list(userId)).map((m) => m.content));
    expectedCount += wanted.length;
    stored += wanted.filter((f) => have.has(f)).length;
  }
  const pending = await app.pendingExtractions();
  console.log(
    `${mode}: ${USERS} users, ${SECONDS} s, model refusing extraction ${OUTAGE} s (from ${outageFrom / 1000} s; 503 / 429 Retry-After 2 s)`,
  );
  console.log(
    `  turns ok: ${turns} (${duringOutage} during the outage), turn errors: ${[...errors].map(([k, v]) => `${k} ${v}`).join(", ") || 0}`,
  );
  console.log(
    `  facts expected: ${expectedCount}, facts stored: ${stored}, lost: ${expectedCount - stored}, jobs still pending: ${pending}`,
  );
  console.log(
    `  extraction calls refused: ${fake.refusedAt.length}, peak pending jobs: ${peakPending}, drain after recovery: ${drainSeconds.toFixed(1)} s`,
  );
  console.log(`  warnings: ${[...warnings].map(([k, v]) => `${v}x "${k}"`).join("; ") || "none"}`);
  await app.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
  return expectedCount - stored + pending;
}

let lost = 0;
for (const mode of MODES) lost += await soak(mode);
if (lost > 0) process.exitCode = 1;
