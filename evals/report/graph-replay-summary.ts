import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EvalRun, ProbeResult } from "../runner/types.js";
import { rowsChart, type ChartRow } from "./rows-chart.js";
import { summarizeGroup, type GroupSummary } from "./summarize.js";
import { markdownTable } from "./tables.js";

/** One run of the LoCoMo graph replay to put in the summary. */
export interface ReplayRow {
  label: string;
  /** Results directory of the run (the one holding latest/results.json). */
  dir: string;
  command: string;
  color: string;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);
const pair = (strict: number | null | undefined, lenient: number | null | undefined) => `${pct(strict)} / ${pct(lenient)}`;
const HEADER = [
  "strict recall",
  "lenient recall",
  "control: random turns (strict / lenient)",
  "control: recent turns (strict / lenient)",
  "prompt tokens mean",
  "p95",
];

const cells = (s: GroupSummary): string[] => [
  pct(s.strictRecall),
  pct(s.recall),
  pair(s.controls?.random.strictRecall, s.controls?.random.recall),
  pair(s.controls?.recent.strictRecall, s.controls?.recent.recall),
  s.tokensMean.toFixed(0),
  s.tokensP95.toFixed(0),
];

const readRun = async (dir: string): Promise<EvalRun> => JSON.parse(await readFile(join(dir, "latest", "results.json"), "utf8")) as EvalRun;

/** The conversation of a LoCoMo scenario id ("locomo-conv-26-caroline" → "conv-26"). */
const conversationOf = (r: ProbeResult): string => r.scenarioId.match(/conv-\d+/)?.[0] ?? r.scenarioId;

/** Rows of one run per LoCoMo conversation, then all of them. */
function perConversation(run: EvalRun): string[][] {
  const groups = new Map<string, ProbeResult[]>();
  for (const r of run.results) groups.set(conversationOf(r), [...(groups.get(conversationOf(r)) ?? []), r]);
  const row = (name: string, rs: ProbeResult[]) => {
    const s = summarizeGroup(rs);
    return [name, String(s.n), ...cells(s), String(Math.max(...rs.map((r) => r.promptTokens)))];
  };
  return [...[...groups].map(([name, rs]) => row(name, rs)), row("all", run.results)];
}

const STRICT_NOTE =
  "**Strict recall** counts an evidence turn only when the turn itself is in the prompt: a memory in the prompt was built from it " +
  "(its episode, or a fact extracted from it; the replay gives each user message its LoCoMo turn id as message id), it is one of the history messages, " +
  "or one single rendered item (a prompt line or message) holds 90% of the turn's own content words. " +
  "**Lenient recall** (the earlier metric) counts it when half of the content words of the turn, or of one of its gold facts, occur anywhere in the prompt. " +
  "The **controls** fill the same number of tokens as each probe's prompt with the user's own earlier turns, one per line: " +
  "in a random order seeded by scenario and probe id (reproducible), or the most recent first; each is scored with both rules. " +
  "A row's recall means something only as far as it stands above its controls.";

/**
 * Reads each run's latest results and writes the summary: the rows on conversation 26 with their controls and a full-history row,
 * the development set run per conversation, and a strict-recall-against-tokens chart.
 */
export async function writeGraphReplaySummary(rows: ReplayRow[], dev: ReplayRow, mdFile: string, svgFile: string): Promise<string> {
  const runs = await Promise.all(rows.map((r) => readRun(r.dir)));
  const devRun = await readRun(dev.dir);
  const summaries = runs.map((run) => summarizeGroup(run.results));
  const full = summaries[0]!.fullHistoryTokensMean;
  const first = summaries[0]!;
  const chartRows: ChartRow[] = [
    ...rows.map((r, i) => ({ label: r.label, tokens: summaries[i]!.tokensMean, recall: summaries[i]!.strictRecall ?? 0, color: r.color })),
    {
      label: "control: random earlier user turns at row 1's tokens",
      tokens: first.tokensMean,
      recall: first.controls?.random.strictRecall ?? 0,
      color: "#999",
    },
    { label: "full history (every turn)", tokens: full, recall: 1, color: "#555" },
  ];
  const table = markdownTable(
    ["row", "probes", ...HEADER, "turn ms p50"],
    rows
      .map((r, i) => [r.label, String(summaries[i]!.n), ...cells(summaries[i]!), summaries[i]!.turnP50.toFixed(0)])
      .concat([
        ["full history (every turn said before the question)", "", "100% by construction", "100%", "", "", full.toFixed(0), "", ""],
      ]),
  );
  const md = [
    "# LoCoMo through the real graph (context mode)",
    "",
    `Dataset ${runs[0]!.dataset}, embeddings \`${runs[0]!.embeddings}\`. ` +
      "Each row replays the conversation turn by turn through the graph (one thread per session) and scores the evidence turns present in the prompt the respond node sent for each question.",
    "",
    `## Conversation 26 (${runs[0]!.scenarios.join(", ")})`,
    "",
    table,
    "",
    "The sample is the eval CLI's LoCoMo default (`--limit 2`: conversation 26, once per speaker as the user, 150 questions of categories 1-4). " +
      STRICT_NOTE +
      " Tier A's tokens are the memory section, the history (recent messages and the running summary share the history budget) plus, " +
      "with oracle facts, the learned profile and entities, which keep their own limits (hence the smaller memory budget in that row).",
    "",
    `## All five development conversations: ${dev.label}`,
    "",
    markdownTable(["conversation", "probes", ...HEADER, "max"], perConversation(devRun)),
    "",
    "With extraction off, every prompt stays within the memory budget plus the history budget (the running summary shares the history budget) " +
      "plus the fixed prompt: instructions, date and section tags, 113-135 tokens.",
    "",
    "Written by `npx tsx evals/graph-replay.ts` from the runs below.",
    "",
    "Commands:",
    "",
    ...[...rows, dev].map((r) => `- ${r.label}: \`${r.command}\``),
    "",
    `![strict recall vs prompt tokens](${svgFile.split("/").at(-1)})`,
    "",
  ].join("\n");
  await writeFile(mdFile, md);
  await writeFile(svgFile, rowsChart("LoCoMo graph replay (conversation 26): strict recall vs prompt tokens", chartRows));
  return md;
}
