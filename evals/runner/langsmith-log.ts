import { randomUUID } from "node:crypto";
import type { Example } from "langsmith/schemas";
import type { EvalRun, ProbeResult } from "./types.js";

const probeKey = (r: { scenarioId: string; probeId: string }) => `${r.scenarioId}/${r.probeId}`;

/** True when results should be uploaded to LangSmith; without a key, evaluate runs local-only. */
export const langsmithEnabled = (env: Record<string, string | undefined> = process.env): boolean => !!env.LANGSMITH_API_KEY?.trim();

/** Scores of one result as LangSmith feedback. */
export function feedbackOf(r: ProbeResult): { key: string; score: number }[] {
  const out = [
    { key: "prompt_tokens", score: r.promptTokens },
    { key: "retrieval_ms", score: r.retrievalMs },
  ];
  if (r.recall !== null) out.push({ key: "context_recall", score: r.recall });
  if (r.staleAsCurrent !== null) out.push({ key: "stale_as_current", score: Number(r.staleAsCurrent) });
  if (r.correct !== undefined && r.correct !== null) out.push({ key: "correct", score: Number(r.correct) });
  if (r.f1 !== undefined) out.push({ key: "token_f1", score: r.f1 });
  return out;
}

/** One LangSmith experiment per tier: its name, rows, and mean of each feedback key. */
export interface TierExperiment {
  tier: string;
  experimentName: string;
  rows: number;
  means: Record<string, number>;
}

const exampleInputs = (r: ProbeResult) => ({ scenarioId: r.scenarioId, probeId: r.probeId, question: r.question });

function localExamples(results: ProbeResult[]): Example[] {
  const datasetId = randomUUID();
  const now = new Date().toISOString();
  return results.map((r) => ({
    id: randomUUID(),
    dataset_id: datasetId,
    inputs: exampleInputs(r),
    outputs: { answer: r.goldAnswer },
    metadata: { key: probeKey(r), skill: r.skill, locality: r.locality },
    created_at: now,
    modified_at: now,
    runs: [],
  })) as unknown as Example[];
}

async function remoteExamples(run: EvalRun, firstTier: ProbeResult[]): Promise<{ examples: Example[]; client: unknown }> {
  const { Client } = await import("langsmith");
  const client = new Client();
  const datasetName = `memoria-${run.dataset}`;
  const dataset = (await client.hasDataset({ datasetName }))
    ? await client.readDataset({ datasetName })
    : await client.createDataset(datasetName, { description: "memoria personalization probes (question, gold answer, evidence)" });
  const existing = new Set<string>();
  for await (const ex of client.listExamples({ datasetId: dataset.id })) existing.add(String(ex.metadata?.key ?? ""));
  const missing = firstTier.filter((r) => !existing.has(probeKey(r)));
  if (missing.length) {
    await client.createExamples(
      missing.map((r) => ({
        dataset_id: dataset.id,
        inputs: exampleInputs(r),
        outputs: { answer: r.goldAnswer },
        metadata: { key: probeKey(r), skill: r.skill, locality: r.locality },
      })),
    );
  }
  const wanted = new Set(firstTier.map(probeKey));
  const examples: Example[] = [];
  for await (const ex of client.listExamples({ datasetId: dataset.id })) if (wanted.has(String(ex.metadata?.key ?? ""))) examples.push(ex);
  return { examples, client };
}

/** Runs fn with one known-harmless console warning of langsmith's local (untraced) evaluate filtered out. */
async function withoutUntracedWarning<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (String(args[0]).startsWith("Can not call 'on_end'")) return;
    warn(...args);
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}

/** Runs langsmith `evaluate` per tier over a finished run: uploaded as experiments when `upload`, otherwise local-only with no network. */
export async function evaluateWithLangsmith(
  run: EvalRun,
  options: { upload: boolean; log: (line: string) => void },
): Promise<TierExperiment[]> {
  const { evaluate } = await import("langsmith/evaluation");
  const firstTier = run.results.filter((r) => r.tier === run.tiers[0]);
  const { examples, client } = options.upload
    ? await remoteExamples(run, firstTier)
    : { examples: localExamples(firstTier), client: undefined };
  const experiments: TierExperiment[] = [];
  for (const tier of run.tiers) {
    const byKey = new Map(run.results.filter((r) => r.tier === tier).map((r) => [probeKey(r), r]));
    const result = (inputs: Record<string, unknown>) => byKey.get(`${String(inputs.scenarioId)}/${String(inputs.probeId)}`);
    const res = await withoutUntracedWarning(() =>
      evaluate((inputs: Record<string, unknown>) => ({ ...result(inputs) }), {
        data: examples,
        ...(client ? { client: client as never } : {}),
        uploadRuns: options.upload,
        experimentPrefix: `memoria-${run.mode}-tier-${tier}`,
        metadata: { tier, mode: run.mode, embeddings: run.embeddings, chatModel: run.chatModel ?? "none (oracle)" },
        evaluators: [({ inputs }: { inputs: Record<string, unknown> }) => ({ results: feedbackOf(result(inputs)!) })],
        maxConcurrency: 4,
      }),
    );
    const sums = new Map<string, { total: number; n: number }>();
    for (const row of res.results) {
      for (const f of row.evaluationResults.results) {
        const s = sums.get(f.key) ?? { total: 0, n: 0 };
        if (typeof f.score === "number") sums.set(f.key, { total: s.total + f.score, n: s.n + 1 });
      }
    }
    const means = Object.fromEntries([...sums].map(([k, s]) => [k, s.total / Math.max(1, s.n)]));
    experiments.push({ tier, experimentName: res.experimentName, rows: res.results.length, means });
    options.log(
      `LangSmith ${options.upload ? "experiment" : "evaluate (local, not uploaded)"}: tier ${tier} ${res.experimentName}, ${res.results.length} rows`,
    );
  }
  return experiments;
}
