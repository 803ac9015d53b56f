import type { EvalRun, ProbeResult } from "./types.js";

const probeKey = (r: { scenarioId: string; probeId: string }) => `${r.scenarioId}/${r.probeId}`;

/** True when LangSmith logging is configured; offline runs never load the client. */
export const langsmithEnabled = (env: Record<string, string | undefined> = process.env): boolean => !!env.LANGSMITH_API_KEY?.trim();

/** Scores of one result as LangSmith feedback. */
export function feedbackOf(r: ProbeResult): { key: string; score: number }[] {
  const out = [{ key: "prompt_tokens", score: r.promptTokens }, { key: "retrieval_ms", score: r.retrievalMs }];
  if (r.recall !== null) out.push({ key: "context_recall", score: r.recall });
  if (r.staleAsCurrent !== null) out.push({ key: "stale_as_current", score: Number(r.staleAsCurrent) });
  if (r.correct !== undefined && r.correct !== null) out.push({ key: "correct", score: Number(r.correct) });
  if (r.f1 !== undefined) out.push({ key: "token_f1", score: r.f1 });
  return out;
}

/** Logs a finished run to LangSmith with `evaluate`: one dataset of probes, one experiment per tier. Only call when enabled. */
export async function logToLangsmith(run: EvalRun, log: (line: string) => void): Promise<string[]> {
  const { Client } = await import("langsmith");
  const { evaluate } = await import("langsmith/evaluation");
  const client = new Client();
  const datasetName = `memoria-${run.dataset}`;
  const dataset = (await client.hasDataset({ datasetName }))
    ? await client.readDataset({ datasetName })
    : await client.createDataset(datasetName, { description: "memoria personalization probes (question, gold answer, evidence)" });
  const existing = new Map<string, unknown>();
  for await (const ex of client.listExamples({ datasetId: dataset.id })) existing.set(String(ex.metadata?.key ?? ""), ex);
  const firstTier = run.results.filter((r) => r.tier === run.tiers[0]);
  const missing = firstTier.filter((r) => !existing.has(probeKey(r)));
  if (missing.length) {
    await client.createExamples(
      missing.map((r) => ({
        dataset_id: dataset.id,
        inputs: { scenarioId: r.scenarioId, probeId: r.probeId, question: r.question },
        outputs: { answer: r.goldAnswer },
        metadata: { key: probeKey(r), skill: r.skill, locality: r.locality },
      })),
    );
  }
  const wanted = new Set(firstTier.map(probeKey));
  const examples = [];
  for await (const ex of client.listExamples({ datasetId: dataset.id })) if (wanted.has(String(ex.metadata?.key ?? ""))) examples.push(ex);
  const experiments: string[] = [];
  for (const tier of run.tiers) {
    const byKey = new Map(run.results.filter((r) => r.tier === tier).map((r) => [probeKey(r), r]));
    const result = (inputs: Record<string, unknown>) => byKey.get(`${String(inputs.scenarioId)}/${String(inputs.probeId)}`);
    const res = await evaluate((inputs: Record<string, unknown>) => ({ ...result(inputs) }), {
      data: examples,
      client,
      experimentPrefix: `memoria-${run.mode}-tier-${tier}`,
      metadata: { tier, mode: run.mode, embeddings: run.embeddings, chatModel: run.chatModel ?? "none (oracle)" },
      evaluators: [({ inputs }: { inputs: Record<string, unknown> }) => ({ results: feedbackOf(result(inputs)!) })],
      maxConcurrency: 4,
    });
    experiments.push(res.experimentName);
    log(`LangSmith: tier ${tier} logged as experiment ${res.experimentName}`);
  }
  return experiments;
}
