import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Summary } from "./evaluate.js";
import { BUDGETS, KS } from "./metrics.js";

/** Everything one run measured, as written to JSON. */
export interface LocomoReport {
  createdAt: string;
  dataPath: string;
  conversations: number;
  questions: number;
  embedder: string;
  /** Per method; `notes` says how it stored the data when that differs from one memory per turn (e.g. long turns in parts). */
  methods: Array<{ name: string; description: string; seconds: number; notes?: string[]; summary: Record<string, Summary> }>;
}

const f1 = (x: number) => x.toFixed(1);
const f0 = (x: number) => x.toFixed(0);

/** A Markdown table from a header and rows of cells. */
export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** Main table: overall recall at k and at token budgets, context tokens and latency per method. */
export function overallTable(report: LocomoReport): string {
  const header = ["method", ...KS.map((k) => `R@${k}`), ...KS.map((k) => `tok@${k}`), ...BUDGETS.map((b) => `R≤${b}t`), "p50 ms", "p95 ms"];
  const rows = report.methods.map(({ name, summary }) => {
    const s = summary.overall!;
    return [
      name,
      ...KS.map((k) => f1(s.recallAtK[k]!)),
      ...KS.map((k) => f0(s.tokensAtK[k]!)),
      ...BUDGETS.map((b) => f1(s.recallAtBudget[b]!)),
      s.latencyP50Ms.toFixed(2),
      s.latencyP95Ms.toFixed(2),
    ];
  });
  return markdownTable(header, rows);
}

/** Per-category table: recall@10, @30 and within 500 / 1,500 tokens for each category number. */
export function categoryTable(report: LocomoReport): string {
  const cats = Object.keys(report.methods[0]?.summary ?? {});
  const label = (c: string) => (c === "overall" ? "all" : `c${c}`);
  const header = ["method", ...cats.flatMap((c) => [`${label(c)} R@10`, `${label(c)} R≤500t`, `${label(c)} R≤1500t`])];
  const rows = report.methods.map(({ name, summary }) => [
    name,
    ...cats.flatMap((c) => [f1(summary[c]!.recallAtK[10]!), f1(summary[c]!.recallAtBudget[500]!), f1(summary[c]!.recallAtBudget[1500]!)]),
  ]);
  const counts = cats.map((c) => `${c}: ${report.methods[0]!.summary[c]!.questions}`).join(", ");
  return `${markdownTable(header, rows)}\n\nQuestions per category: ${counts}.`;
}

/** Full Markdown report. */
export function toMarkdown(report: LocomoReport): string {
  return [
    `# LoCoMo retrieval (${report.createdAt})`,
    "",
    `Data: \`${report.dataPath}\` — ${report.conversations} conversations, ${report.questions} questions (categories 1-4 with evidence). Embedder: \`${report.embedder}\`.`,
    "Evidence recall in percent; tokens are cl100k tokens of the rendered context; latency is one search call.",
    "",
    "## Overall",
    "",
    overallTable(report),
    "",
    "## By category",
    "",
    categoryTable(report),
    "",
    "## Methods",
    "",
    ...report.methods.map((m) => `- **${m.name}**: ${m.description} (${[`${m.seconds.toFixed(1)} s`, ...(m.notes ?? [])].join("; ")})`),
    "",
  ].join("\n");
}

/** Writes `locomo-<timestamp>.md/.json` and `locomo-latest.md` under outDir; returns the written paths. */
export async function writeReport(report: LocomoReport, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const stamp = report.createdAt.replace(/[:.]/g, "-");
  const md = toMarkdown(report);
  const paths = [join(outDir, `locomo-${stamp}.md`), join(outDir, `locomo-${stamp}.json`), join(outDir, "locomo-latest.md")];
  await writeFile(paths[0]!, md);
  await writeFile(paths[1]!, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(paths[2]!, md);
  return paths;
}
