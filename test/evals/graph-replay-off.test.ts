import { describe, expect, inject, it } from "vitest";
import { loadScenarios, pickScenarios } from "../../evals/dataset/load-dataset.js";
import { parseEvalArgs } from "../../evals/runner/cli-args.js";
import { runEval } from "../../evals/runner/run-eval.js";

describe("graph replay with extraction off (only what the graph stores itself)", () => {
  it("parses --extraction, the budgets and --context, and rejects bad values", () => {
    const args = parseEvalArgs([
      "--extraction",
      "off",
      "--memory-budget",
      "300",
      "--history-budget",
      "200",
      "--context",
      '{"keepLastMessages":8}',
    ]);
    expect(args).toMatchObject({ extraction: "off", memoryTokenBudget: 300, historyTokenBudget: 200, context: { keepLastMessages: 8 } });
    expect(parseEvalArgs([]).extraction).toBe("oracle");
    expect(() => parseEvalArgs(["--extraction", "llm"])).toThrow(/--extraction must be oracle or off/);
    expect(() => parseEvalArgs(["--context", "[1]"])).toThrow(/--context must be a JSON object/);
  });

  it("tier A recalls cross-session evidence from episodes alone, and the budget bounds its prompt", async () => {
    const scenarios = pickScenarios(await loadScenarios(), ["tom-moves-to-lisbon"]);
    const run = (memoryTokenBudget: number) =>
      runEval({
        mode: "context",
        tiers: ["A"],
        scenarios,
        dataset: "personalization",
        datasetKind: "personalization",
        embeddings: "hash",
        chromaUrl: inject("chromaUrl"),
        env: {},
        extraction: "off",
        contextOverrides: { memoryTokenBudget, historyTokenBudget: 200 },
      });
    const wide = await run(600);
    expect(wide.extraction).toBe("off");
    const cross = wide.results.filter((r) => r.locality === "cross-session" && r.recall !== null);
    expect(cross.length).toBeGreaterThan(0);
    expect(cross.some((r) => r.recall! > 0)).toBe(true);
    const none = await run(0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(none.results.map((r) => r.promptTokens))).toBeLessThan(mean(wide.results.map((r) => r.promptTokens)));
  });
});
