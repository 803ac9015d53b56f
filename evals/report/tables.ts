import { SKILLS } from "../dataset/schema.js";
import type { EvalRun, ProbeResult } from "../runner/types.js";
import { TIER_DESCRIPTIONS, type Tier } from "../../src/graph/tiers.js";
import { summarizeBy, summarizeGroup, type GroupSummary } from "./summarize.js";

const pct = (x: number | null, n = 1): string => (x === null || n === 0 ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number, digits = 0): string => x.toFixed(digits);

/** A Markdown table with padded columns (readable in a terminal too). */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

const forTier = (rows: readonly ProbeResult[], tier: Tier) => rows.filter((r) => r.tier === tier);

/** One row per tier: recall (overall, same-session, cross-session, profile), stale-as-current, tokens and latency. */
export function tierTable(run: EvalRun): string {
  const answer = run.mode === "answer";
  const header = [
    "tier",
    "probes",
    "recall",
    "same-session",
    "cross-session",
    "stale-as-current",
    "tokens mean",
    "tokens p95",
    "retrieval ms p50",
    "retrieval ms p95",
    "turn ms p50",
    "turn ms p95",
  ];
  if (answer) header.push("judge accuracy", "F1", "EM");
  const rows = run.tiers.map((tier) => {
    const rs = forTier(run.results, tier);
    const all = summarizeGroup(rs);
    const loc = summarizeBy(rs, (r) => r.locality);
    const cell = (g: GroupSummary | undefined) => (g ? pct(g.recall, g.recallN) : "–");
    const row = [
      tier,
      String(all.n),
      pct(all.recall, all.recallN),
      cell(loc.get("same-session")),
      cell(loc.get("cross-session")),
      pct(all.staleAsCurrent, all.staleN),
    ];
    row.push(
      num(all.tokensMean),
      num(all.tokensP95),
      num(all.retrievalP50, 1),
      num(all.retrievalP95, 1),
      num(all.turnP50, 1),
      num(all.turnP95, 1),
    );
    if (answer) row.push(pct(all.accuracy, all.accuracyN), all.f1 === null ? "–" : all.f1.toFixed(3), pct(all.exactMatch));
    return row;
  });
  return markdownTable(header, rows);
}

/** Recall per tier and skill (update cells add the stale-as-current rate); answer mode shows judge accuracy instead. */
export function skillTable(run: EvalRun): string {
  const skills = SKILLS.filter((s) => run.results.some((r) => r.skill === s));
  const rows = run.tiers.map((tier) => {
    const bySkill = summarizeBy(forTier(run.results, tier), (r) => r.skill);
    return [
      tier,
      ...skills.map((s) => {
        const g = bySkill.get(s);
        if (!g) return "–";
        if (run.mode === "answer") return pct(g.accuracy, g.accuracyN);
        if (s === "abstention") return "n/a";
        return s === "update" ? `${pct(g.recall, g.recallN)} (stale ${pct(g.staleAsCurrent, g.staleN)})` : pct(g.recall, g.recallN);
      }),
    ];
  });
  return markdownTable(["tier", ...skills], rows);
}

/** Recall on the probes tagged `profile` (answer in the static profile and still true). */
export function profileTable(run: EvalRun): string | undefined {
  if (!run.results.some((r) => r.tags.includes("profile"))) return undefined;
  const rows = run.tiers.map((tier) => {
    const g = summarizeGroup(forTier(run.results, tier).filter((r) => r.tags.includes("profile")));
    return [tier, String(g.n), pct(g.recall, g.recallN)];
  });
  return markdownTable(["tier", "profile probes", "recall"], rows);
}

/** Tier legend with the mean tokens a full-history prompt would need. */
export function tierLegend(run: EvalRun): string {
  const full = summarizeGroup(run.results.filter((r) => r.tier === run.tiers[0]));
  const lines = run.tiers.map((t) => `- **${t}**: ${TIER_DESCRIPTIONS[t]}`);
  return [
    ...lines,
    `- *full history* (reference, not a tier): sending every earlier turn would cost ${num(full.fullHistoryTokensMean)} tokens per probe on average`,
  ].join("\n");
}

/** LoCoMo runs: strict and lenient recall per tier beside the random and most-recent user-turn controls ("" without controls). */
export function strictTable(run: EvalRun): string {
  const rows = run.tiers.flatMap((tier) => {
    const g = summarizeGroup(forTier(run.results, tier));
    if (!g.controls) return [];
    const { random, recent } = g.controls;
    return [
      [
        tier,
        pct(g.strictRecall),
        pct(g.recall),
        `${pct(random.strictRecall)} / ${pct(random.recall)}`,
        `${pct(recent.strictRecall)} / ${pct(recent.recall)}`,
      ],
    ];
  });
  if (rows.length === 0) return "";
  const header = [
    "tier",
    "strict recall",
    "lenient recall",
    "control: random turns (strict / lenient)",
    "control: recent turns (strict / lenient)",
  ];
  return markdownTable(header, rows);
}
