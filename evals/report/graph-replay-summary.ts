import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EvalRun } from "../runner/types.js";
import { rowsChart, type ChartRow } from "./rows-chart.js";
import { summarizeGroup } from "./summarize.js";
import { markdownTable } from "./tables.js";

/** One run of the LoCoMo graph replay to put in the summary. */
export interface ReplayRow {
  label: string;
  /** Results directory of the run (the one holding latest/results.json). */
  dir: string;
  command: string;
  color: string;
}

/** Reads each run's latest results and writes one markdown table plus a recall-against-tokens chart, with a full-history row. */
export async function writeGraphReplaySummary(rows: ReplayRow[], mdFile: string, svgFile: string): Promise<string> {
  const runs = await Promise.all(
    rows.map(async (r) => JSON.parse(await readFile(join(r.dir, "latest", "results.json"), "utf8")) as EvalRun),
  );
  const summaries = runs.map((run) => summarizeGroup(run.results));
  const full = summaries[0]!.fullHistoryTokensMean;
  const chartRows: ChartRow[] = [
    ...rows.map((r, i) => ({ label: r.label, tokens: summaries[i]!.tokensMean, recall: summaries[i]!.recall ?? 0, color: r.color })),
    { label: "full history (every turn)", tokens: full, recall: 1, color: "#555" },
  ];
  const table = markdownTable(
    ["row", "probes", "evidence in prompt", "prompt tokens mean", "p95", "turn ms p50"],
    rows
      .map((r, i) => {
        const s = summaries[i]!;
        return [
          r.label,
          String(s.n),
          `${((s.recall ?? 0) * 100).toFixed(1)}%`,
          s.tokensMean.toFixed(0),
          s.tokensP95.toFixed(0),
          s.turnP50.toFixed(0),
        ];
      })
      .concat([["full history (every turn said before the question)", "", "100% by construction", full.toFixed(0), "", ""]]),
  );
  const md = [
    "# LoCoMo through the real graph (context mode)",
    "",
    `Dataset ${runs[0]!.dataset}, scenarios ${runs[0]!.scenarios.join(", ")}, embeddings \`${runs[0]!.embeddings}\`. ` +
      "Each row replays the conversation turn by turn through the graph (one thread per session) and scores the evidence turns present in the prompt the respond node sent for each question.",
    "",
    table,
    "",
    "The sample is the eval CLI's LoCoMo default (`--limit 2`: conversation 26, once per speaker as the user, 150 questions of categories 1-4); " +
      "each row took 5-15 minutes on a busy 2-core machine. Evidence counts as present when half of an evidence turn's content words " +
      "(or of one of its gold facts) are in the prompt. Tier A's tokens are the memory section plus the trimmed history plus, with oracle facts, " +
      "the learned profile and entities, which keep their own limits (hence the smaller memory budget in that row). " +
      "Written by `npx tsx evals/graph-replay.ts` from the runs below.",
    "",
    "Commands:",
    "",
    ...rows.map((r) => `- ${r.label}: \`${r.command}\``),
    "",
    `![recall vs prompt tokens](${svgFile.split("/").at(-1)})`,
    "",
  ].join("\n");
  await writeFile(mdFile, md);
  await writeFile(svgFile, rowsChart("LoCoMo graph replay: evidence in prompt vs prompt tokens", chartRows));
  return md;
}
