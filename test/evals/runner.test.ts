import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadScenarios, pickScenarios } from "../../evals/dataset/load-dataset.js";
import { writeReport } from "../../evals/report/write-report.js";
import { runEval } from "../../evals/runner/run-eval.js";
import type { EvalRun, ProbeResult } from "../../evals/runner/types.js";
import { TIERS } from "../../src/graph/tiers.js";
import { tempDir } from "../helpers/stores.js";

const scenarios = pickScenarios(await loadScenarios(), ["tom-moves-to-lisbon", "carlos-cellist"]);
const outDir = tempDir("memoria-eval-out-");
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const run = () =>
  runEval({
    mode: "context",
    tiers: [...TIERS],
    scenarios,
    dataset: "personalization",
    datasetKind: "personalization",
    embeddings: "hash",
    chromaUrl: inject("chromaUrl"),
    env: {},
  });

const meanRecall = (rows: ProbeResult[]) => {
  const xs = rows.map((r) => r.recall).filter((x): x is number => x !== null);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};
const numbers = (r: EvalRun) =>
  r.results.map((x) => [x.scenarioId, x.probeId, x.tier, x.recall, x.promptTokens, x.staleAsCurrent, x.found]);

describe("eval runner, context mode, against real Chroma", () => {
  let first: EvalRun;

  it("replays two scenarios at all five tiers and writes the report", async () => {
    first = await run();
    const probes = scenarios.reduce((n, s) => n + s.probes.length, 0);
    expect(first.results).toHaveLength(probes * TIERS.length);
    for (const tier of TIERS) {
      for (const s of scenarios)
        for (const p of s.probes)
          expect(first.results.some((r) => r.tier === tier && r.scenarioId === s.id && r.probeId === p.id)).toBe(true);
    }
    const written = await writeReport(first, outDir);
    for (const file of ["report.md", "results.json", "chart.svg"]) {
      expect(existsSync(join(written.dir, file))).toBe(true);
      expect(existsSync(join(outDir, "latest", file))).toBe(true);
    }
    const saved = JSON.parse(readFileSync(join(outDir, "latest", "results.json"), "utf8")) as EvalRun;
    expect(saved.results).toHaveLength(first.results.length);
    expect(readFileSync(join(written.dir, "chart.svg"), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(readFileSync(join(written.dir, "report.md"), "utf8")).toContain("| tier |");
  }, 120_000);

  it("shows the expected shape: F recalls nothing, A beats C across sessions, C holds its own session", () => {
    const of = (tier: string, locality?: string) => first.results.filter((r) => r.tier === tier && (!locality || r.locality === locality));
    expect(of("F").every((r) => r.recall === null || r.recall === 0)).toBe(true);
    expect(meanRecall(of("A", "cross-session"))).toBeGreaterThan(meanRecall(of("C", "cross-session")));
    expect(meanRecall(of("C", "same-session"))).toBe(1);
    expect(meanRecall(of("D").filter((r) => r.tags.includes("profile")))).toBe(1);
    expect(of("A").every((r) => r.promptTokens > 0 && r.turnMs > 0)).toBe(true);
  });

  it("gives identical recall and token numbers on a second run", async () => {
    const second = await run();
    expect(numbers(second)).toEqual(numbers(first));
    expect(second.results.reduce((n, x) => n + x.promptTokens, 0)).toBeGreaterThan(0);
  }, 120_000);
});
