import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishReport, readmeTierTable, replaceReadmeTable } from "../../evals/report/publish.js";
import type { EvalRun, ProbeResult } from "../../evals/runner/types.js";
import { TIERS } from "../../src/graph/tiers.js";
import { tempDir } from "../helpers/stores.js";

const probe = (tier: (typeof TIERS)[number], recall: number, locality: string): ProbeResult =>
  ({
    tier,
    recall,
    locality,
    staleAsCurrent: null,
    promptTokens: 100,
    retrievalMs: tier === "A" ? 4 : 0,
    turnMs: 10,
    skill: "fact",
    tags: [],
  }) as unknown as ProbeResult;

function run(): EvalRun {
  const results = TIERS.flatMap((t) => [probe(t, t === "A" ? 1 : 0, "same-session"), probe(t, t === "A" ? 1 : 0.5, "cross-session")]);
  return { mode: "context", datasetKind: "personalization", tiers: [...TIERS], scenarios: ["s1"], results } as unknown as EvalRun;
}

const README = [
  "# x",
  "",
  readmeTierTable({ ...run(), results: [] } as EvalRun).split("\n")[0],
  "| --- |",
  "| F | old |",
  "",
  "after",
].join("\n");

describe("eval --publish", () => {
  it("renders the README tier table and replaces only that table", () => {
    const table = readmeTierTable(run());
    expect(table).toContain("| A | 100.0% | 100.0% | 100.0% | 0.0% | 100 / 100 | 4.0 / 4.0 |");
    expect(table).toContain("| F | 25.0% | 0.0% | 50.0% | 0.0% | 100 / 100 | 0 / 0 |");
    const next = replaceReadmeTable(README, table);
    expect(next).not.toContain("| F | old |");
    expect(next.startsWith("# x\n\n| tier | recall |")).toBe(true);
    expect(next.endsWith("\n\nafter")).toBe(true);
    expect(() => replaceReadmeTable("# no table", table)).toThrow(/no tier table/);
  });

  it("copies report and chart into evals/results/latest and refuses partial runs", async () => {
    const root = tempDir("memoria-publish-");
    const dir = join(root, "run");
    mkdirSync(dir);
    writeFileSync(join(dir, "report.md"), "REPORT");
    writeFileSync(join(dir, "chart.svg"), "<svg/>");
    writeFileSync(join(root, "README.md"), README);
    const written = { dir, latestDir: dir, files: [], latestFiles: [] };
    await expect(publishReport({ ...run(), tiers: ["A"] } as EvalRun, written, root)).rejects.toThrow(/default run/);
    expect(readFileSync(join(root, "README.md"), "utf8")).toBe(README);
    const paths = await publishReport(run(), written, root);
    expect(paths).toHaveLength(3);
    expect(readFileSync(join(root, "evals/results/latest/report.md"), "utf8")).toBe("REPORT");
    expect(readFileSync(join(root, "README.md"), "utf8")).toContain("| A | 100.0% |");
  });
});
