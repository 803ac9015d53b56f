import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { observationMethod, recencyMethod, turnMethod } from "./baselines.js";
import { evaluateMethod, summariseByCategory } from "./evaluate.js";
import { loadLocomo } from "./load-locomo.js";
import type { LocomoMethod } from "./method.js";
import { TokenCounter } from "./metrics.js";
import { categoryTable, overallTable, writeReport, type LocomoReport } from "./report.js";
import { improvedMethod } from "./improved.js";
import { LocomoChroma, memoryApiMethod } from "./memory-api-method.js";

/** Options of a LoCoMo retrieval run. */
export interface RunLocomoOptions {
  dataPath: string;
  /** Directory for the Markdown and JSON reports (default evals/results). */
  outDir?: string;
  /** Embedder for the vector-based methods (default LocalEmbeddings). */
  embedder?: Embedder;
  /** Chroma server for the memory-API methods (default: an embedded server in a temp directory). */
  chromaUrl?: string;
  /** Only run the methods with these names. */
  methods?: string[];
  /** Only use the first n conversations. */
  limitConversations?: number;
  /** Only ask every k-th question of each conversation (a quicker, evenly spread sample; default 1: all). */
  questionStride?: number;
  log?: (line: string) => void;
}

/** Runs every retrieval method on LoCoMo, prints the tables and writes the reports. */
export async function runLocomo(options: RunLocomoOptions): Promise<LocomoReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const embedder = options.embedder ?? new LocalEmbeddings();
  const chroma = new LocomoChroma(options.chromaUrl);
  const stride = Math.max(1, Math.floor(options.questionStride ?? 1));
  const conversations = (await loadLocomo(options.dataPath))
    .slice(0, options.limitConversations)
    .map((conv) => ({ ...conv, questions: conv.questions.filter((_, i) => i % stride === 0) }));
  const all: LocomoMethod[] = [
    recencyMethod(),
    turnMethod("vector", embedder),
    turnMethod("bm25", embedder),
    turnMethod("hybrid-rrf", embedder),
    observationMethod(embedder),
    improvedMethod(embedder),
    memoryApiMethod(embedder, chroma, "vector"),
    memoryApiMethod(embedder, chroma, "hybrid"),
    memoryApiMethod(embedder, chroma, "facts"),
    memoryApiMethod(embedder, chroma, "compact"),
  ];
  const methods = options.methods ? all.filter((m) => options.methods!.includes(m.name)) : all;
  const tokens = new TokenCounter();
  const report: LocomoReport = {
    createdAt: new Date().toISOString(),
    dataPath: options.dataPath,
    conversations: conversations.length,
    questions: 0,
    embedder: embedder.modelId,
    methods: [],
  };
  try {
    for (const method of methods) {
      const started = performance.now();
      const results = await evaluateMethod(method, conversations, tokens);
      const seconds = (performance.now() - started) / 1000;
      report.questions = results.length;
      const notes = method.notes?.() ?? [];
      report.methods.push({ name: method.name, description: method.description, seconds, notes, summary: summariseByCategory(results) });
      log(`${method.name}: ${seconds.toFixed(1)} s${notes.length ? ` (${notes.join("; ")})` : ""}`);
    }
  } finally {
    await Promise.all(all.map((m) => m.close?.()));
    await chroma.close();
  }
  log(`\n${overallTable(report)}\n\n${categoryTable(report)}`);
  const written = await writeReport(report, options.outDir ?? join("evals", "results"));
  log(`\nWrote ${written.join(", ")}`);
  return report;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  await runLocomo({
    dataPath: argValue(args, "--data") ?? resolve("../shared/datasets/locomo/locomo-dev.json"),
    outDir: argValue(args, "--out"),
    methods: argValue(args, "--methods")?.split(","),
    limitConversations: argValue(args, "--conversations") ? Number(argValue(args, "--conversations")) : undefined,
  });
}
