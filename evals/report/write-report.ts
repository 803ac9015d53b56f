import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EvalRun } from "../runner/types.js";
import { recallTokensChart } from "./chart-svg.js";
import { markdownTable, profileTable, skillTable, strictTable, tierLegend, tierTable } from "./tables.js";

/** Published LoCoMo judge accuracy (LLM-as-a-judge, categories 1-4, gpt-4o-mini), from the Mem0 paper. */
export const LOCOMO_PUBLISHED = [
  { system: "full-context", accuracy: 72.9 },
  { system: "Mem0", accuracy: 66.9 },
  { system: "Zep", accuracy: 66.0 },
] as const;

/** Where a report was written. */
export interface WrittenReport {
  dir: string;
  latestDir: string;
  files: string[];
  latestFiles: string[];
}

/** The console summary: the tier table, the per-skill table and (when present) the profile-probe table. */
export function consoleSummary(run: EvalRun): string {
  const profile = profileTable(run);
  const strict = strictTable(run);
  return [
    `Per tier (${run.results.length} probe results, ${run.mode} mode, ${run.seconds.toFixed(1)} s)`,
    tierTable(run),
    ...(strict ? ["", "Strict recall (the evidence turn itself in the prompt) and controls at the same tokens", strict] : []),
    "",
    run.mode === "answer" ? "Judge accuracy per skill" : "Recall per skill",
    skillTable(run),
    ...(profile ? ["", "Probes answered by the static profile (tag: profile)", profile] : []),
  ].join("\n");
}

/** The Markdown report of a run. */
export function markdownReport(run: EvalRun): string {
  const locomoAnswer = run.mode === "answer" && run.datasetKind === "locomo";
  const profile = profileTable(run);
  const strict = strictTable(run);
  return [
    `# memoria eval: ${run.dataset} (${run.mode} mode)`,
    "",
    `Run ${run.createdAt}, ${run.scenarios.length} scenario(s), tiers ${run.tiers.join(", ")}, embeddings \`${run.embeddings}\`` +
      (run.chatModel
        ? `, chat model \`${run.chatModel}\`, judge \`${run.judgeModel}\``
        : run.extraction === "off"
          ? ", extraction off (only what the graph stores itself: history, summary, episodes), no chat model"
          : ", oracle extraction, no chat model") +
      (run.contextOverrides ? `, context ${JSON.stringify(run.contextOverrides)}` : "") +
      `, ${run.seconds.toFixed(1)} s.`,
    "",
    tierLegend(run),
    "",
    "## Per tier",
    "",
    "Recall is the share of a probe's evidence found in the prompt the respond node sent (the question itself excluded); " +
      "same-session probes have their evidence earlier in the same thread, cross-session probes only in earlier sessions. " +
      "Stale-as-current is the share of update probes whose prompt states an outdated value as if current. " +
      "Retrieval ms covers the memory and entity searches of the turn; turn ms the whole graph turn.",
    "",
    tierTable(run),
    ...(strict
      ? [
          "",
          "Strict recall counts an evidence turn only when the prompt was built from it (its episode, a fact extracted from it, or a history " +
            "message) or one prompt line holds 90% of its own words; the controls fill each probe's tokens with random or the most recent " +
            "earlier user turns.",
          "",
          strict,
        ]
      : []),
    "",
    "## Per skill",
    "",
    skillTable(run),
    ...(profile ? ["", "## Probes answered by the static profile", "", profile] : []),
    ...(locomoAnswer
      ? [
          "",
          "## Published LoCoMo results (judge accuracy, gpt-4o-mini, from the Mem0 paper)",
          "",
          markdownTable(
            ["system", "accuracy"],
            LOCOMO_PUBLISHED.map((r) => [r.system, `${r.accuracy}%`]),
          ),
        ]
      : []),
    "",
    "![recall vs prompt tokens](chart.svg)",
    "",
  ].join("\n");
}

/** Writes report.md, results.json and chart.svg under `<outDir>/<timestamp>/` and copies them to `<outDir>/latest/`. */
export async function writeReport(run: EvalRun, outDir: string): Promise<WrittenReport> {
  const dir = join(outDir, run.createdAt.replace(/[:.]/g, "-"));
  const latestDir = join(outDir, "latest");
  await mkdir(dir, { recursive: true });
  await mkdir(latestDir, { recursive: true });
  const contents: [string, string][] = [
    ["report.md", markdownReport(run)],
    ["results.json", `${JSON.stringify(run, null, 2)}\n`],
    ["chart.svg", recallTokensChart(run)],
  ];
  const files: string[] = [];
  const latestFiles: string[] = [];
  for (const [name, text] of contents) {
    await writeFile(join(dir, name), text);
    await copyFile(join(dir, name), join(latestDir, name));
    files.push(join(dir, name));
    latestFiles.push(join(latestDir, name));
  }
  return { dir, latestDir, files, latestFiles };
}
