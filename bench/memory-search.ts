import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadLocomo, type LocomoConversation } from "../evals/locomo/load-locomo.js";
import { ingestConversation } from "../evals/locomo/ingest-locomo.js";
import { LocomoChroma } from "../evals/locomo/memory-api-method.js";
import { percentile, recall } from "../evals/locomo/metrics.js";
import { kindCollections } from "../src/memory/records/chroma/embedder-collections.js";
import { MemoryApi } from "../src/memory/api/memory-api.js";
import { openStores } from "../src/memory/store/open-stores.js";
import { UserIndex } from "../src/memory/index/user-index.js";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";

const DATA = resolve("../shared/datasets/locomo/locomo-dev.json");
const NAMES = ["Caroline", "Melanie", "Jolene", "Deborah", "Audrey", "Andrew", "Evan", "Sam", "Nate", "Joanna"];
const THINGS = ["pottery class", "marathon", "violin lesson", "camping trip", "job interview", "book club", "bakery", "art show"];
const MONTHS = ["January", "March", "May", "July", "September", "November"];

/** A deterministic stand-in when the LoCoMo data is absent: 20 sessions of 30 turns about named people, things and dates. */
function syntheticConversation(): LocomoConversation {
  const turns: LocomoConversation["turns"] = [];
  const questions: LocomoConversation["questions"] = [];
  for (let s = 1; s <= 20; s++) {
    const date = `10:00 am on ${(s % 27) + 1} ${MONTHS[s % MONTHS.length]}, 2023`;
    for (let p = 0; p < 30; p++) {
      const name = NAMES[(s * 7 + p) % NAMES.length]!;
      const thing = THINGS[(s + p * 3) % THINGS.length]!;
      const id = `D${s}:${p + 1}`;
      turns.push({
        id,
        speaker: p % 2 ? "Alex" : "Blake",
        text: `${name} told me about the ${thing} in session ${s}, number ${p}.`,
        session: s,
        position: p,
        date,
      });
      if (p % 10 === 3) questions.push({ question: `When did ${name} talk about the ${thing}?`, category: 2, evidence: [id] });
    }
  }
  return { sampleId: "synthetic", speakers: ["Alex", "Blake"], turns, questions, observations: [] };
}

const ms = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms`;

async function main(): Promise<void> {
  const synthetic = !existsSync(DATA);
  const conv = synthetic ? syntheticConversation() : (await loadLocomo(DATA))[0]!;
  console.log(
    synthetic ? `LoCoMo data not found at ${DATA}: using a SYNTHETIC conversation.` : `LoCoMo conversation ${conv.sampleId} from ${DATA}.`,
  );
  const questions = conv.questions.filter((q) => q.evidence.length);
  console.log(`${conv.turns.length} turns stored as memories, ${questions.length} questions; embedder LocalEmbeddings; Chroma embedded.`);
  const embedder = new LocalEmbeddings();
  const chroma = new LocomoChroma(process.argv.includes("--chroma") ? process.argv[process.argv.indexOf("--chroma") + 1] : undefined);
  const rows: string[] = [];
  try {
    for (const variant of ["vector", "hybrid"] as const) {
      const dataDir = await mkdtemp(join(tmpdir(), "memoria-bench-"));
      const collectionPrefix = `bench_${variant}`;
      const stores = await openStores({
        chromaUrl: await chroma.chromaUrl(),
        dataDir,
        collectionPrefix,
        embedder,
        search: { lexical: variant === "hybrid" },
      });
      try {
        const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
        const started = performance.now();
        const sources = await ingestConversation(api, "bench-user", conv.turns);
        const ingestMs = (performance.now() - started) / conv.turns.length;
        await api.search("warm up", { userId: "bench-user", limit: 10 });
        for (const limit of [10, 150]) {
          const latencies: number[] = [];
          const recalls: number[] = [];
          for (const q of questions) {
            const t = performance.now();
            const found = await api.search(q.question, { userId: "bench-user", limit });
            latencies.push(performance.now() - t);
            recalls.push(
              recall(
                q.evidence,
                found.slice(0, 10).flatMap((m) => sources.get(m.id) ?? []),
              ),
            );
          }
          const r10 = (100 * recalls.reduce((a, b) => a + b, 0)) / recalls.length;
          rows.push(
            `| ${variant} | ${limit} | ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 95).toFixed(2)} | ${r10.toFixed(1)} | ${ingestMs.toFixed(1)} |`,
          );
        }
        if (variant === "hybrid")
          await profile(
            stores.client,
            collectionPrefix,
            api,
            questions.map((q) => q.question),
          );
      } finally {
        await stores.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await chroma.close();
  }
  console.log("\n| search | limit | p50 ms | p95 ms | R@10 % | ingest ms/turn |\n|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
  console.log(
    "\nLatency is one MemoryApi.search call (embedding + Chroma query + BM25 + fusion + ranking), Chroma included. Target p95 <= 15 ms.",
  );

  async function profile(
    client: Awaited<ReturnType<typeof openStores>>["client"],
    prefix: string,
    api: MemoryApi,
    texts: string[],
  ): Promise<void> {
    const [collection] = await kindCollections(client, prefix, "memories");
    const records = (await api.list({ userId: "bench-user", limit: 100_000 })).items;
    const lexicon = new UserIndex(records);
    const embed: number[] = [],
      query: number[] = [],
      bm25: number[] = [];
    for (const text of texts) {
      let t = performance.now();
      const [v] = await embedder.embedDocuments([text]);
      embed.push(performance.now() - t);
      t = performance.now();
      await collection!.collection.query({
        queryEmbeddings: [v!],
        nResults: 40,
        where: { $and: [{ userId: { $eq: "bench-user" } }, { current: { $eq: true } }] },
        include: ["distances"],
      });
      query.push(performance.now() - t);
      t = performance.now();
      lexicon.search(text, { userId: "bench-user", current: true }, 40);
      bm25.push(performance.now() - t);
    }
    console.log(
      `profile (hybrid, limit 10): embedding ${ms(embed)}; Chroma query (40 ids) ${ms(query)}; BM25 over ${records.length} memories ${ms(bm25)}`,
    );
  }
}

await main();
