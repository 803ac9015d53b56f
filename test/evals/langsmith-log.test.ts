import { afterEach, describe, expect, it, vi } from "vitest";
import { evaluateWithLangsmith, langsmithEnabled } from "../../evals/runner/langsmith-log.js";
import type { EvalRun, ProbeResult } from "../../evals/runner/types.js";

const result = (tier: "F" | "A", probeId: string, recall: number, promptTokens: number): ProbeResult => ({
  scenarioId: "s1",
  probeId,
  tier,
  skill: "fact-recall",
  locality: "cross-session",
  tags: [],
  question: `question ${probeId}`,
  goldAnswer: "Berlin",
  promptTokens,
  fullHistoryTokens: 900,
  recall,
  found: [],
  missing: [],
  staleAsCurrent: null,
  retrievalMs: 2,
  turnMs: 5,
});

const run: EvalRun = {
  createdAt: "2026-01-01T00:00:00.000Z",
  mode: "context",
  dataset: "personalization",
  datasetKind: "personalization",
  embeddings: "hash",
  tiers: ["F", "A"],
  scenarios: ["s1"],
  seconds: 1,
  results: [result("F", "p1", 0, 40), result("F", "p2", 0, 60), result("A", "p1", 1, 300), result("A", "p2", 0.5, 500)],
};

afterEach(() => vi.unstubAllGlobals());

describe("LangSmith evaluate", () => {
  it("is enabled only by an API key", () => {
    expect(langsmithEnabled({})).toBe(false);
    expect(langsmithEnabled({ LANGSMITH_API_KEY: "  " })).toBe(false);
    expect(langsmithEnabled({ LANGSMITH_API_KEY: "lsv2_x" })).toBe(true);
  });

  it("offline, runs one local experiment per tier with the eval's scores as feedback and never touches the network", async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error("network used")));
    vi.stubGlobal("fetch", fetchSpy);
    const lines: string[] = [];
    const experiments = await evaluateWithLangsmith(run, { upload: false, log: (l) => lines.push(l) });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(experiments.map((e) => [e.tier, e.rows])).toEqual([
      ["F", 2],
      ["A", 2],
    ]);
    expect(experiments[0]!.means).toMatchObject({ context_recall: 0, prompt_tokens: 50 });
    expect(experiments[1]!.means).toMatchObject({ context_recall: 0.75, prompt_tokens: 400 });
    expect(experiments[1]!.experimentName).toMatch(/^memoria-context-tier-A/);
    expect(lines[0]).toMatch(/local, not uploaded/);
  });
});
