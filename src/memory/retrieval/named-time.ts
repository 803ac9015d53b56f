const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH = `(${MONTHS.join("|")}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d\\d)";
const PATTERNS: Array<{ re: RegExp; parts: Array<"m" | "d" | "y"> }> = [
  { re: new RegExp(`\\b${YEAR}-(\\d{2})-(\\d{2})\\b`, "giu"), parts: ["y", "m", "d"] },
  { re: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?:,?\\s+${YEAR}\\b)?`, "giu"), parts: ["m", "d", "y"] },
  { re: new RegExp(`\\b${DAY}(?:\\s+of)?\\s+${MONTH}\\b(?:,?\\s+${YEAR}\\b)?`, "giu"), parts: ["d", "m", "y"] },
  { re: new RegExp(`\\b${MONTH},?\\s+${YEAR}\\b`, "giu"), parts: ["m", "y"] },
  { re: new RegExp(`\\b(?:in|on|during|since|before|after|of|last|this|early|late|mid|until|by)\\s+${MONTH}\\b`, "giu"), parts: ["m"] },
];

/** A time a query names: a month, or a day of a month, with the year when given (month is 1-12), and the words naming it. */
export interface NamedTime {
  text: string;
  year?: number;
  month: number;
  day?: number;
}

const monthOf = (word: string): number => {
  const w = word.toLowerCase().replace(/\.$/, "");
  return MONTHS.findIndex((m) => m.startsWith(w.slice(0, 3))) + 1;
};

/** The days and months a query names ("on October 13, 2023", "1 February 2023", "in July 2023", "in May", "2023-05-08"); a bare year or a lowercase "may" without a preposition names none. */
export function namedTimes(query: string): NamedTime[] {
  const out: NamedTime[] = [];
  const taken: Array<[number, number]> = [];
  for (const { re, parts } of PATTERNS) {
    for (const m of query.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const value = (p: "m" | "d" | "y") => (parts.includes(p) ? m[parts.indexOf(p) + 1] : undefined);
      const month = parts[0] === "y" ? Number(value("m")) : monthOf(value("m") ?? "");
      const day = value("d") === undefined ? undefined : Number(value("d"));
      const year = value("y") === undefined ? undefined : Number(value("y"));
      if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) continue;
      taken.push([start, end]);
      out.push({ text: m[0], month, ...(day === undefined ? {} : { day }), ...(year === undefined ? {} : { year }) });
    }
  }
  return out;
}

/** Whether an ISO date or instant falls in a named time, or up to `afterDays` days after it (things are told after they happen). */
export function withinNamedTime(iso: string, time: NamedTime, afterDays: number): boolean {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return false;
  const year = time.year ?? new Date(at).getUTCFullYear();
  const candidates = time.year === undefined ? [year, year - 1] : [year];
  return candidates.some((y) => {
    const from = Date.UTC(y, time.month - 1, time.day ?? 1);
    const to = time.day === undefined ? Date.UTC(y, time.month, 1) : from + 86_400_000;
    return at >= from && at < to + afterDays * 86_400_000;
  });
}
