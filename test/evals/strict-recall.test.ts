import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLocomoAsScenarios } from "../../evals/dataset/load-locomo-as-scenarios.js";
import { controlPrompt, seededRandom } from "../../evals/runner/control-prompts.js";
import { evidenceTurns, scoreControls } from "../../evals/runner/score-context.js";
import { strictTurnRecall, turnRecall } from "../../evals/scoring/turn-recall.js";
import type { Scenario } from "../../evals/dataset/schema.js";
import { strictTable } from "../../evals/report/tables.js";
import type { EvalRun, ProbeResult } from "../../evals/runner/types.js";

const LOCOMO = "/work/shared/datasets/locomo/locomo-dev.json";
const hasLocomo = existsSync(LOCOMO);
if (!hasLocomo) console.warn(`[strict-recall] ${LOCOMO} not found: skipping the random-control floor test on conversation 26.`);

const kitten = { id: "D1:2", texts: ["I adopted a kitten called Miso, she is orange and loves my guitar", "Ana adopted a kitten."] };

describe("strict turn recall", () => {
  it("counts a turn whose id the prompt was built from", () => {
    const r = strictTurnRecall({ items: ["unrelated line"], presentIds: ["D1:2"] }, [kitten]);
    expect(r).toMatchObject({ recall: 1, found: ["D1:2"] });
  });

  it("counts a turn whose own words are in one item, not spread over several", () => {
    const whole = "user: I adopted a kitten called Miso, she is orange and loves my guitar!";
    expect(strictTurnRecall({ items: ["other", whole], presentIds: [] }, [kitten]).recall).toBe(1);
    const spread = ["I adopted a kitten", "called Miso, she is orange", "and loves my guitar"];
    expect(strictTurnRecall({ items: spread, presentIds: [] }, [kitten]).recall).toBe(0);
    expect(turnRecall(spread.join("\n"), [kitten]).recall).toBe(1);
  });

  it("does not count a gold fact or half of the words, which the lenient rule does", () => {
    const prompt = "Ana adopted a kitten. Miso is orange.";
    expect(turnRecall(prompt, [kitten]).recall).toBe(1);
    expect(strictTurnRecall({ items: prompt.split("\n"), presentIds: [] }, [kitten]).recall).toBe(0);
    expect(strictTurnRecall({ items: [], presentIds: [] }, []).recall).toBeNull();
  });
});

const turn = (id: string, user: string) => ({ id, user, facts: [], entities: [] });
const scenario: Scenario = {
  id: "s",
  title: "t",
  domains: [],
  profile: { name: "Ana" },
  sessions: [
    {
      id: "S1",
      date: "2023-03-01T10:00",
      turns: Array.from({ length: 30 }, (_, i) => turn(`D1:${i + 1}`, `turn ${i + 1} about topic ${i}`)),
    },
  ],
  probes: [
    {
      id: "q1",
      sessionId: "S1",
      askAfter: "D1:30",
      question: "What?",
      answer: "x",
      skill: "fact-recall",
      evidence: [],
      evidenceTurnIds: ["D1:3"],
    },
  ],
};

describe("control prompts", () => {
  it("are reproducible, fill at most the token count, and the recent control takes the newest turns", () => {
    const probe = scenario.probes[0]!;
    const a = controlPrompt(scenario, probe, "random", 60);
    expect(controlPrompt(scenario, probe, "random", 60)).toEqual(a);
    expect(a.tokens).toBeLessThanOrEqual(60);
    expect(a.turnIds.length).toBeGreaterThan(3);
    expect(a.turnIds).not.toEqual([...a.turnIds].sort());
    const recent = controlPrompt(scenario, probe, "recent", 60);
    expect(recent.turnIds.slice(0, 2)).toEqual(["D1:30", "D1:29"]);
    expect(recent.tokens).toBeLessThanOrEqual(60);
    const r = seededRandom("x");
    expect([r(), r()]).toEqual(((g) => [g(), g()])(seededRandom("x")));
    expect(scoreControls(scenario, probe, 60)).toEqual(scoreControls(scenario, probe, 60));
  });

  it.runIf(hasLocomo)("a random-turn prompt at tier A's tokens scores far lower strict than lenient on conversation 26", async () => {
    const scenarios = (await loadLocomoAsScenarios(LOCOMO)).slice(0, 2);
    let lenient = 0;
    let strict = 0;
    let n = 0;
    for (const s of scenarios)
      for (const p of s.probes) {
        const c = controlPrompt(s, p, "random", 886);
        lenient += turnRecall(c.items.join("\n"), evidenceTurns(s, p)).recall!;
        strict += strictTurnRecall({ items: c.items, presentIds: c.turnIds }, evidenceTurns(s, p)).recall!;
        n += 1;
      }
    expect(n).toBe(150);
    expect(lenient / n).toBeGreaterThan(0.35);
    expect(strict / n).toBeLessThan(0.2);
  });
});

describe("strict table", () => {
  const result = (strictRecall: number, recall: number, random: number): ProbeResult => ({
    scenarioId: "locomo-conv-1-a",
    probeId: "q1",
    tier: "A",
    skill: "fact-recall",
    locality: "cross-session",
    tags: [],
    question: "?",
    goldAnswer: "x",
    promptTokens: 800,
    fullHistoryTokens: 9000,
    recall,
    strictRecall,
    controls: { random: { recall: 0.5, strictRecall: random, tokens: 790 }, recent: { recall: 0.5, strictRecall: 0, tokens: 795 } },
    found: [],
    missing: [],
    staleAsCurrent: null,
    retrievalMs: 1,
    turnMs: 1,
  });
  const run = (results: ProbeResult[]): EvalRun => ({
    createdAt: "",
    mode: "context",
    dataset: "d",
    datasetKind: "locomo",
    embeddings: "hash",
    tiers: ["A"],
    scenarios: [],
    seconds: 0,
    results,
  });

  it("shows strict and lenient recall beside both controls, and nothing for runs without controls", () => {
    const table = strictTable(run([result(1, 1, 0), result(0, 1, 0.5)]));
    expect(table).toContain("| A    | 50.0%         | 100.0%         | 25.0% / 50.0%");
    expect(strictTable(run([{ ...result(1, 1, 0), controls: undefined, strictRecall: null }]))).toBe("");
  });
});
