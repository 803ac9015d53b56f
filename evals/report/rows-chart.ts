/** One labelled point of a recall-against-tokens chart. */
export interface ChartRow {
  label: string;
  tokens: number;
  recall: number;
  color: string;
}

const W = 760;
const H = 440;
const M = { left: 70, right: 260, top: 50, bottom: 60 };
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Hand-written SVG scatter of labelled rows: recall (0..1) against mean prompt tokens. */
export function rowsChart(title: string, rows: ChartRow[]): string {
  const xMax = Math.ceil((Math.max(1, ...rows.map((r) => r.tokens)) * 1.1) / 500) * 500;
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (v: number) => M.left + (v / xMax) * pw;
  const y = (v: number) => M.top + ph - v * ph;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${M.left}" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${y(i / 5)}" y2="${y(i / 5)}" stroke="#e6e6e6"/>`);
    out.push(`<text x="${M.left - 8}" y="${y(i / 5) + 4}" text-anchor="end">${i * 20}%</text>`);
    out.push(`<text x="${x((xMax * i) / 5)}" y="${M.top + ph + 20}" text-anchor="middle">${((xMax * i) / 5).toFixed(0)}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + ph}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${M.top + ph}" y2="${M.top + ph}" stroke="#333"/>`);
  out.push(`<text x="${M.left + pw / 2}" y="${H - 15}" text-anchor="middle" font-size="13">mean prompt tokens per probe turn</text>`);
  out.push(
    `<text transform="translate(20 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="13">evidence in the prompt</text>`,
  );
  rows.forEach((r, i) => {
    out.push(
      `<circle cx="${x(r.tokens)}" cy="${y(r.recall)}" r="6" fill="${r.color}"><title>${esc(r.label)}: ${(r.recall * 100).toFixed(1)}% @ ${r.tokens.toFixed(0)} tokens</title></circle>`,
    );
    out.push(`<text x="${x(r.tokens) + 9}" y="${y(r.recall) - 7}" font-weight="bold" fill="${r.color}">${i + 1}</text>`);
    const ly = M.top + 10 + i * 20;
    out.push(
      `<rect x="${M.left + pw + 20}" y="${ly - 9}" width="12" height="12" fill="${r.color}"/><text x="${M.left + pw + 38}" y="${ly + 1}">${i + 1}. ${esc(r.label)}: ${(r.recall * 100).toFixed(0)}% @ ${r.tokens.toFixed(0)}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
