import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { percentile } from "../../evals/locomo/metrics.js";

/** Resident memory of a process in MB from /proc/<pid>/status (VmRSS), or undefined when unreadable. */
export function rssMb(pid: number | undefined = process.pid): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** RSS of node and of the Chroma server, read together. */
export interface RssPair {
  node?: number;
  chroma?: number;
}

/** Reads the RSS of this process and of the given Chroma pid. */
export const rssPair = (chromaPid: number | undefined): RssPair => ({ node: rssMb(), chroma: rssMb(chromaPid) });

const mb = (x: number | undefined) => (x === undefined ? "n/a" : `${x.toFixed(0)}`);
/** "before → after" RSS in MB. */
export const rssChange = (before: number | undefined, after: number | undefined) => `${mb(before)} → ${mb(after)}`;

/** Milliseconds with a precision that suits their size. */
export const fmtMs = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** Seconds, one decimal. */
export const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Times an async call in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

/** p50 and p95 of latencies. */
export const p50p95 = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });

/** How many timed searches a case runs: `planned`, or `capped` when the first five average more than `slowMs` each. */
export interface SearchBudget {
  planned: number;
  capped: number;
  slowMs: number;
}

/**
 * Runs timed searches one after another until the budget is used; returns each latency, and pushes each search's process CPU
 * time (ms, every thread) into `cpu` when given: on a loaded machine it moves far less than the wall time. When the search is
 * very slow (the first five average over slowMs) it stops at `capped` searches so the run ends.
 */
export async function timedSearches(search: (i: number) => Promise<unknown>, budget: SearchBudget, cpu?: number[]): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < budget.planned; i++) {
    const cpuBefore = process.cpuUsage();
    const [ms] = await timed(() => search(i));
    const used = process.cpuUsage(cpuBefore);
    cpu?.push((used.user + used.system) / 1000);
    latencies.push(ms);
    if (i === 4 && latencies.reduce((a, b) => a + b, 0) / 5 > budget.slowMs) budget = { ...budget, planned: budget.capped };
  }
  return latencies;
}

/** Prints a markdown table. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  console.log(`\n### ${title}\n`);
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

/** A progress line with elapsed time and throughput since `from` rows, for long ingests. */
export function progress(label: string, done: number, total: number, startedMs: number, from = 0): void {
  const elapsed = performance.now() - startedMs;
  const rate = (done - from) / (elapsed / 1000);
  const eta = rate > 0 ? (total - done) / rate : 0;
  console.log(
    `  ${label}: ${done.toLocaleString("en")}/${total.toLocaleString("en")} rows, ${rate.toFixed(0)} rows/s, ${fmtS(elapsed)} elapsed, ~${eta.toFixed(0)} s left`,
  );
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat; undefined when unreadable. */
export function cpuMs(pid: number | undefined = process.pid): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The 1, 5 and 15 minute load averages and the core count, e.g. "load 1.52 / 1.61 / 1.70 on 2 cores". */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg();
  return `load ${one!.toFixed(2)} / ${five!.toFixed(2)} / ${fifteen!.toFixed(2)} on ${availableParallelism()} cores`;
}
