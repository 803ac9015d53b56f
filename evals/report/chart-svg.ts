import type { EvalRun } from "../runner/types.js";
import { summarizeBy, summarizeGroup } from "./summarize.js";

const W = 760;
const H = 480;
const M = { left: 70, right: 200, top: 50, bottom: 60 };
const COLORS: Record<string, string> = { F: "#9e9e9e", D: "#8e6c8a", C: "#e08a2e", B: "#3b7dd8", A: "#2e9e5b" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function niceMax(value: number): number {
  const exp = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * exp).find((v) => v >= value) ?? 10 * exp;
}

/** One point of the chart. */
interface Point {
  tier: string;
  tokens: number;
  recall: number | null;
  cross: number | null;
}

/** Hand-written SVG scatter: recall (overall and cross-session) against mean prompt tokens, one colour per tier. */
export function recallTokensChart(run: EvalRun): string {
  const points: Point[] = run.tiers.map((tier) => {
    const rows = run.results.filter((r) => r.tier === tier);
    const all = summarizeGroup(rows);
    const cross = summarizeBy(rows, (r) => r.locality).get("cross-session");
    return { tier, tokens: all.tokensMean, recall: all.recall, cross: cross?.recall ?? null };
  });
  const full = summarizeGroup(run.results.filter((r) => r.tier === run.tiers[0])).fullHistoryTokensMean;
  const xMax = niceMax(Math.max(full, ...points.map((p) => p.tokens)) * 1.05);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (v: number) => M.left + (v / xMax) * pw;
  const y = (v: number) => M.top + ph - v * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="24" font-size="16" font-weight="bold">Context recall vs prompt tokens per tier (${esc(run.dataset)}, ${run.mode} mode)</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(v)}" y2="${y(v)}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${M.left - 8}" y="${y(v) + 4}" text-anchor="end">${(v * 100).toFixed(0)}%</text>`);
    const t = (xMax * i) / 5;
    out.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${M.top + ph}" y2="${M.top + ph + 5}" stroke="#333"/>`);
    out.push(`<text x="${x(t)}" y="${M.top + ph + 20}" text-anchor="middle">${t.toFixed(0)}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + ph}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${M.top + ph}" y2="${M.top + ph}" stroke="#333"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 15}" text-anchor="middle" font-size="13">mean prompt tokens per probe turn</text>`);
  out.push(`<text transform="translate(20 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13">context recall</text>`);
  if (full > 0) {
    out.push(`<line x1="${x(full)}" x2="${x(full)}" y1="${M.top}" y2="${M.top + ph}" stroke="#555" stroke-dasharray="5 4"/>`);
    out.push(`<text x="${x(full) - 4}" y="${M.top + 12}" text-anchor="end" fill="#555">full history: ${full.toFixed(0)} tokens</text>`);
  }
  for (const p of points) {
    const c = COLORS[p.tier] ?? "#000";
    if (p.cross !== null) {
      const cx = x(p.tokens);
      const cy = y(p.cross);
      out.push(
        `<rect x="${cx - 5}" y="${cy - 5}" width="10" height="10" fill="#fff" stroke="${c}" stroke-width="2"><title>${p.tier} cross-session recall ${(p.cross * 100).toFixed(1)}%</title></rect>`,
      );
    }
    if (p.recall !== null) {
      out.push(
        `<circle cx="${x(p.tokens)}" cy="${y(p.recall)}" r="6" fill="${c}"><title>${p.tier} recall ${(p.recall * 100).toFixed(1)}%, ${p.tokens.toFixed(0)} tokens</title></circle>`,
      );
      out.push(`<text x="${x(p.tokens) + 9}" y="${y(p.recall) - 7}" font-weight="bold" fill="${c}">${p.tier}</text>`);
    }
  }
  const lx = M.left + pw + 20;
  out.push(`<text x="${lx}" y="${M.top + 4}" font-weight="bold">Legend</text>`);
  out.push(`<circle cx="${lx + 6}" cy="${M.top + 22}" r="6" fill="#666"/><text x="${lx + 18}" y="${M.top + 26}">recall, all probes</text>`);
  out.push(
    `<rect x="${lx + 1}" y="${M.top + 39}" width="10" height="10" fill="#fff" stroke="#666" stroke-width="2"/><text x="${lx + 18}" y="${M.top + 48}">recall, cross-session</text>`,
  );
  points.forEach((p, i) => {
    const ly = M.top + 78 + i * 20;
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="12" height="12" fill="${COLORS[p.tier] ?? "#000"}"/><text x="${lx + 18}" y="${ly + 1}">${p.tier}: ${p.recall === null ? "–" : `${(p.recall * 100).toFixed(0)}%`} @ ${p.tokens.toFixed(0)} tok</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
