import { describe, expect, it } from "vitest";
import { aggregate, percentile, type ScoreRow } from "../../evals/scoring/aggregate.js";
import { JudgeParseError, JudgeVerdict, buildJudgePrompt, parseJudgeOutput } from "../../evals/scoring/judge.js";

describe("judge", () => {
  it("builds a prompt with question, gold, answer and skill rule", () => {
    const prompt = buildJudgePrompt({
      question: "Where do I live?",
      goldAnswer: "Lisbon",
      answer: "Manchester",
      skill: "update",
      askedOn: "2024-04-15",
    });
    for (const part of [
      "Question: Where do I live?",
      "Gold answer: Lisbon",
      "Answer to grade: Manchester",
      "old value",
      "2024-04-15",
      '"label"',
    ]) {
      expect(prompt).toContain(part);
    }
    expect(buildJudgePrompt({ question: "q", goldAnswer: "never said", answer: "a", skill: "abstention" })).toContain("does not know");
  });

  it("has a structured-output schema", () => {
    expect(JudgeVerdict.parse({ reason: "same city", label: "CORRECT" }).label).toBe("CORRECT");
    expect(JudgeVerdict.safeParse({ reason: "", label: "maybe" }).success).toBe(false);
  });

  it.each([
    ['{"reason": "Same city.", "label": "CORRECT"}', "CORRECT", "Same city."],
    ['```json\n{"Label": "wrong", "Reason": "Gives the old city."}\n```', "WRONG", "Gives the old city."],
    ['{"verdict": "Incorrect", "explanation": "no"}', "WRONG", "no"],
    ["CORRECT: because both say Lisbon", "CORRECT", "because both say Lisbon"],
    ["correct - matches", "CORRECT", "matches"],
    ["**WRONG** The answer names Manchester.", "WRONG", "The answer names Manchester."],
    ["Label: INCORRECT\nReason: different date", "WRONG", "different date"],
    ["The answer is not correct since it invents a name.", "WRONG", "since it invents a name."],
    ["Because the dates match, the label is CORRECT", "CORRECT", "Because the dates match, the label is"],
  ])("parses %j", (raw, label, reason) => {
    expect(parseJudgeOutput(raw)).toEqual({ label, reason });
  });

  it("throws a clear error when there is no label", () => {
    expect(() => parseJudgeOutput("")).toThrow(JudgeParseError);
    expect(() => parseJudgeOutput("I am not sure.")).toThrow(/no CORRECT\/WRONG label/);
  });
});

describe("aggregate", () => {
  it("computes percentiles with linear interpolation", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
  });

  it("means per tier, skill and tier x skill, skipping nulls", () => {
    const rows: ScoreRow[] = [
      { tier: "F", skill: "update", recall: 0, correct: false, promptTokens: 100, latencyMs: 10 },
      { tier: "F", skill: "abstention", recall: null, correct: true, promptTokens: 100, latencyMs: 30 },
      { tier: "A", skill: "update", recall: 1, correct: true, f1: 0.5, staleAsCurrent: false, promptTokens: 300, latencyMs: 50 },
      { tier: "A", skill: "update", recall: 0.5, correct: false, f1: 1, staleAsCurrent: true, promptTokens: 500, latencyMs: 70 },
    ];
    const agg = aggregate(rows);
    expect(Object.keys(agg.byTier)).toEqual(["F", "A"]);
    expect(agg.byTier.F!.recall).toEqual({ mean: 0, n: 1 });
    expect(agg.byTier.F!.accuracy).toEqual({ mean: 0.5, n: 2 });
    expect(agg.byTierSkill.A!.update!.recall).toEqual({ mean: 0.75, n: 2 });
    expect(agg.byTierSkill.A!.update!.staleAsCurrentRate).toEqual({ mean: 0.5, n: 2 });
    expect(agg.byTier.A!.promptTokens).toEqual({ mean: 400, p50: 400, p95: 490 });
    expect(agg.bySkill.update!.n).toBe(3);
    expect(agg.overall.latencyMs.p50).toBe(40);
    expect(agg.overall.f1).toEqual({ mean: 0.75, n: 2 });
    expect(aggregate([]).overall).toMatchObject({ n: 0, recall: { mean: null, n: 0 }, promptTokens: { p50: null } });
  });
});
