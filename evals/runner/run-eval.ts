import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Scenario } from "../dataset/schema.js";
import { createExtractiveSummarizer } from "../oracle/extractive-summarizer.js";
import { createOracleEntityExtractor, createOracleFactExtractor, OracleAnnotations } from "../oracle/oracle-extractors.js";
import { loadConfig } from "../../src/config/env.js";
import { createMemoria, type CreateMemoriaOptions } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import type { MemoriaContextInput } from "../../src/graph/context.js";
import { messageText } from "../../src/memory/token-counter.js";
import { createChatModel } from "../../src/providers/create-chat-model.js";
import { createEmbedderFromConfig } from "../../src/providers/create-embedder.js";
import { withModelTimeout } from "../../src/providers/model-timeout.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { RespondPromptCapture, SpanMeter, timeRetrieval } from "./instrumentation.js";
import { replayScenario } from "./replay-scenario.js";
import { SHORT_ANSWER_SUFFIX } from "./score-answer.js";
import type { DatasetKind, EvalMode, EvalRun, ProbeResult } from "./types.js";

/** Settings of one eval run. */
export interface RunEvalOptions {
  mode: EvalMode;
  tiers: Tier[];
  scenarios: Scenario[];
  dataset: string;
  datasetKind: DatasetKind;
  /** Embedder spec (default `local`). */
  embeddings?: string;
  /** Directory whose `cache/` holds the embedding cache, reused across runs (default ./.memoria). */
  cacheDataDir?: string;
  /** External Chroma; unset starts one embedded server for the whole run. */
  chromaUrl?: string;
  /** Answer mode: chat model spec (default MEMORIA_CHAT_MODEL) and judge spec (default the chat model). */
  chatModel?: string;
  judgeModel?: string;
  /** Answer mode: ready-made models instead of specs (tests pass scripted ones). */
  models?: { chat: BaseChatModel; judge?: BaseChatModel };
  /** Environment for credentials (default process.env). */
  env?: Record<string, string | undefined>;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Context mode: "oracle" (default) uses the gold facts as the extractor; "off" runs with extraction off (only episodes). */
  extraction?: "oracle" | "off";
  /** Merged into every turn's run context (e.g. memoryTokenBudget, historyTokenBudget). */
  contextOverrides?: Partial<MemoriaContextInput>;
}

const NEUTRAL_REPLY = "Okay, noted.";

/** Context mode's chat model: replies with the dataset's canned assistant reply for a known turn, else a neutral one. */
export function cannedReplyModel(oracle: OracleAnnotations): ScriptedChatModel {
  return new ScriptedChatModel({
    reply: (messages) => {
      const last = messages.at(-1);
      return (last && oracle.turnFor(messageText(last))?.assistant) || NEUTRAL_REPLY;
    },
  });
}

/**
 * Ids for a run's new memories: a counter, the same on every run (each run has its own collections), so ranking ties
 * between new memories and episodes (whose ids derive from their source) break alike and figures repeat.
 */
export function evalIds(): () => string {
  let next = 0;
  return () => `eval-${String(next++).padStart(8, "0")}`;
}

/** Replays every scenario at every tier through the real graph (real Chroma, SQLite checkpointer) and scores each probe. */
export async function runEval(options: RunEvalOptions): Promise<EvalRun> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const workDir = await mkdtemp(join(tmpdir(), "memoria-eval-"));
  const prefix = `eval_${createHash("sha1").update(workDir).digest("hex").slice(0, 10)}`;
  const config = loadConfig({
    ...env,
    CHROMA_URL: options.chromaUrl ?? env.CHROMA_URL,
    MEMORIA_DATA_DIR: workDir,
    MEMORIA_CHECKPOINTER: "sqlite",
    MEMORIA_COLLECTION_PREFIX: prefix,
    MEMORIA_EMBEDDINGS: options.embeddings ?? "local",
    MEMORIA_CHAT_MODEL: options.chatModel ?? env.MEMORIA_CHAT_MODEL,
  });
  const credentials = { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl };
  const embedder = await createEmbedderFromConfig({ ...config, dataDir: resolve(options.cacheDataDir ?? ".memoria") });
  const oracle = new OracleAnnotations();
  let judge: BaseChatModel | undefined;
  const memoriaOptions: CreateMemoriaOptions = { config, embedder, newId: evalIds() };
  if (options.mode === "context") {
    Object.assign(memoriaOptions, {
      chatModel: cannedReplyModel(oracle),
      factExtractor: createOracleFactExtractor(oracle),
      entityExtractor: createOracleEntityExtractor(oracle),
      summarizer: createExtractiveSummarizer(),
      extraction: options.extraction === "off" ? "off" : "inline",
    });
  } else {
    const fromSpec = async (spec: string | undefined) =>
      withModelTimeout(await createChatModel(spec, { ...credentials, temperature: 0 }), config.modelTimeoutMs);
    memoriaOptions.chatModel = options.models?.chat ?? (await fromSpec(config.chatModel));
    judge = options.models?.judge ?? (options.judgeModel ? await fromSpec(options.judgeModel) : memoriaOptions.chatModel);
  }
  const memoria = await createMemoria(memoriaOptions);
  const meter = new SpanMeter();
  timeRetrieval(memoria.deps, meter);
  const total = options.scenarios.reduce((n, s) => n + s.probes.length, 0) * options.tiers.length;
  const results: ProbeResult[] = [];
  const capture = new RespondPromptCapture();
  const questionSuffix = options.mode === "answer" && options.datasetKind === "locomo" ? SHORT_ANSWER_SUFFIX : undefined;
  try {
    for (const scenario of options.scenarios) {
      oracle.use(scenario);
      for (const tier of options.tiers) {
        const onProbe = (r: ProbeResult) => {
          results.push(r);
          options.onProgress?.(results.length, total, `${scenario.id} ${tier} ${r.probeId}`);
        };
        const deps = {
          memoria,
          capture,
          meter,
          mode: options.mode,
          judge,
          questionSuffix,
          onProbe,
          contextOverrides: options.contextOverrides,
        };
        await replayScenario(deps, scenario, tier);
      }
    }
  } finally {
    await memoria.close();
    await rm(workDir, { recursive: true, force: true });
  }
  return {
    createdAt: new Date().toISOString(),
    mode: options.mode,
    dataset: options.dataset,
    datasetKind: options.datasetKind,
    embeddings: config.embeddings,
    ...(options.mode === "answer" ? { chatModel: config.chatModel, judgeModel: options.judgeModel ?? config.chatModel } : {}),
    ...(options.extraction === "off" ? { extraction: "off" as const } : {}),
    ...(options.contextOverrides && Object.keys(options.contextOverrides).length ? { contextOverrides: options.contextOverrides } : {}),
    tiers: options.tiers,
    scenarios: options.scenarios.map((s) => s.id),
    seconds: (performance.now() - started) / 1000,
    results,
  };
}
