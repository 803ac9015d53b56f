import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crossValidate, gridConfigs, leaveOneOut, parseGrid } from "../../evals/locomo/cross-validate.js";
import type { QuestionResult } from "../../evals/locomo/evaluate.js";
import { BUDGETS } from "../../evals/locomo/metrics.js";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";

const dataPath = resolve(import.meta.dirname, "../../../shared/datasets/locomo/locomo-dev.json");
const exists = existsSync(dataPath);
if (!exists)
  console.warn(
    `[locomo-cv.test] ${dataPath} is absent: skipping the cross-validation run on LoCoMo (the pure fold logic is still tested).`,
  );

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const question = (sampleId: string, category: number, recall: number): QuestionResult => ({
  sampleId,
  category,
  recallAtK: [0, 0, 0, 0],
  tokensAtK: [0, 0, 0, 0],
  recallAtBudget: BUDGETS.map(() => recall),
  latencyMs: 1,
});

describe("LoCoMo leave-one-conversation-out", () => {
  it("builds every combination of the grid", () => {
    expect(gridConfigs({ a: [1, 2], b: [3, 4, 5] })).toHaveLength(6);
    expect(gridConfigs({ vectorWeight: [0.5], subjectBoost: [1, 2] })).toEqual([
      { vectorWeight: 0.5, subjectBoost: 1 },
      { vectorWeight: 0.5, subjectBoost: 2 },
    ]);
  });

  it("reads a grid from JSON and refuses anything but lists of numbers", () => {
    expect(parseGrid('{"sessionBoost":[0,0.75],"sessionTop":[3]}')).toEqual({ sessionBoost: [0, 0.75], sessionTop: [3] });
    for (const bad of ["[]", "{}", '{"sessionBoost":[]}', '{"sessionBoost":0.75}', '{"sessionBoost":["0.75"]}'])
      expect(() => parseGrid(bad)).toThrow(/--grid must be/);
  });

  it("chooses settings on the other conversations only and scores them on the held-out one", () => {
    const good = { subjectBoost: 2 };
    const bad = { subjectBoost: 1 };
    const results = new Map([
      [
        JSON.stringify(bad),
        new Map([
          ["x", [question("x", 1, 1)]],
          ["y", [question("y", 1, 0.2)]],
          ["z", [question("z", 4, 0.2)]],
        ]),
      ],
      [
        JSON.stringify(good),
        new Map([
          ["x", [question("x", 1, 0)]],
          ["y", [question("y", 1, 0.8)]],
          ["z", [question("z", 4, 0.8)]],
        ]),
      ],
    ]);
    const folds = leaveOneOut(results, [bad, good], bad);
    expect(folds.map((f) => f.heldOut)).toEqual(["x", "y", "z"]);
    expect(folds[0]).toMatchObject({ chosen: good, chosenScore: { r500: 0, c1r1500: 0 }, defaultScore: { r500: 100, c1r1500: 100 } });
    expect(folds[1]!.chosen).toEqual(bad);
    expect(folds[1]!.chosenScore.r1500).toBeCloseTo(20);
    expect(folds[2]!.chosenScore.c1r1500).toBe(0);
  });

  it.runIf(exists)("runs the product's search over two conversations and writes the report", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "memoria-cv-"));
    dirs.push(outDir);
    const report = await crossValidate({
      dataPath,
      outDir,
      limitConversations: 2,
      log: () => {},
      embedder: new LocalEmbeddings(),
      grid: { subjectBoost: [1, 1.5] },
      defaults: { subjectBoost: 1.5 },
    });
    expect(report.configs).toBe(2);
    expect(report.folds.map((f) => f.heldOut)).toEqual(["conv-26", "conv-30"]);
    expect(report.pooled.defaults.r1500).toBeGreaterThan(report.pooled.defaults.r500);
    expect(report.pooled.defaults.r500).toBeGreaterThan(50);
    expect(await readFile(join(outDir, "locomo-cv-latest.md"), "utf8")).toContain("| conv-26 |");
  });
});
