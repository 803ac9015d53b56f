import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../../src/config/errors.js";
import { TIERS } from "../../src/graph/tiers.js";
import type { EvalRun } from "../runner/types.js";
import { summarizeBy, summarizeGroup } from "./summarize.js";
import type { WrittenReport } from "./write-report.js";

/** The tracked folder `--publish` refreshes (report.md and chart.svg; results.json stays untracked). */
export const PUBLISHED_DIR = join("evals", "results", "latest");
const README_HEADER =
  "| tier | recall | same-session | cross-session | stale value shown as current | prompt tokens (mean / p95) | retrieval ms (p50 / p95) |";

const pct = (x: number | null): string => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const ms = (x: number): string => (x === 0 ? "0" : x.toFixed(1));

/** The README's per-tier table for a context-mode run. */
export function readmeTierTable(run: EvalRun): string {
  const rows = run.tiers.map((tier) => {
    const rs = run.results.filter((r) => r.tier === tier);
    const all = summarizeGroup(rs);
    const loc = summarizeBy(rs, (r) => r.locality);
    const cell = (key: string) => pct(loc.get(key)?.recall ?? null);
    const cells = [tier, pct(all.recall), cell("same-session"), cell("cross-session"), pct(all.staleAsCurrent ?? 0)];
    cells.push(`${all.tokensMean.toFixed(0)} / ${all.tokensP95.toFixed(0)}`, `${ms(all.retrievalP50)} / ${ms(all.retrievalP95)}`);
    return `| ${cells.join(" | ")} |`;
  });
  return [README_HEADER, `|${" --- |".repeat(7)}`, ...rows].join("\n");
}

/** Replaces the per-tier table in README text; throws when the README has no such table. */
export function replaceReadmeTable(readme: string, table: string): string {
  const lines = readme.split("\n");
  const start = lines.indexOf(README_HEADER);
  if (start < 0) throw new ConfigError(`README has no tier table starting with "${README_HEADER}"`);
  let end = start;
  while (end < lines.length && lines[end]!.startsWith("|")) end++;
  return [...lines.slice(0, start), table, ...lines.slice(end)].join("\n");
}

/** Copies a full default run's report and chart into the tracked folder and refreshes the README table (`npm run eval:publish`). */
export async function publishReport(run: EvalRun, written: WrittenReport, root = "."): Promise<string[]> {
  if (run.mode !== "context" || run.datasetKind !== "personalization" || run.tiers.length !== TIERS.length) {
    throw new ConfigError("--publish takes only the default run: context mode, the personalization dataset, every tier.");
  }
  const target = join(root, PUBLISHED_DIR);
  await mkdir(target, { recursive: true });
  const copied = ["report.md", "chart.svg"].map((name) => join(target, name));
  for (const name of ["report.md", "chart.svg"]) await copyFile(join(written.dir, name), join(target, name));
  const readmePath = join(root, "README.md");
  await writeFile(readmePath, replaceReadmeTable(await readFile(readmePath, "utf8"), readmeTierTable(run)));
  return [...copied, readmePath];
}
