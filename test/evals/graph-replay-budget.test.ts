import { describe, expect, inject, it } from "vitest";
import { locomoToScenarios } from "../../evals/dataset/load-locomo-as-scenarios.js";
import { runEval } from "../../evals/runner/run-eval.js";
import { buildRespondSystemPrompt } from "../../src/nodes/respond-prompt.js";
import { countTokens } from "../../src/memory/token-counter.js";

const WORDS = "garden violin harbour lantern pepper meadow copper river biscuit canyon orchard velvet".split(" ");
const line = (n: number, who: string) =>
  `${who} line ${n}: ${Array.from({ length: 24 }, (_, i) => WORDS[(n * 7 + i * 5) % WORDS.length]).join(" ")} number ${n}.`;

/** A LoCoMo-shaped conversation whose last session is long enough (60 messages) to be summarised. */
function longConversation() {
  const session = (s: number, turns: number) =>
    Array.from({ length: turns }, (_, i) => [
      { speaker: "Ana", dia_id: `D${s}:${2 * i + 1}`, text: line(100 * s + i, "Ana") },
      { speaker: "Ben", dia_id: `D${s}:${2 * i + 2}`, text: line(100 * s + i, "Ben") },
    ]).flat();
  return [
    {
      sample_id: "long-1",
      conversation: {
        speaker_a: "Ana",
        speaker_b: "Ben",
        session_1_date_time: "9:05 am on 3 March, 2023",
        session_1: session(1, 12),
        session_2_date_time: "7:40 pm on 10 March, 2023",
        session_2: session(2, 30),
      },
      qa: [
        { question: "What did Ana say in line 103?", answer: "x", evidence: ["D1:7"], category: 1 },
        { question: "What did Ana say in line 205?", answer: "x", evidence: ["D2:11"], category: 1 },
        { question: "What did Ana say in line 229?", answer: "x", evidence: ["D2:59"], category: 1 },
      ],
    },
  ];
}

describe("tier A's prompt on a long conversation (graph replay, extraction off)", () => {
  it("stays within memoryTokenBudget + historyTokenBudget + the fixed prompt, and reports strict recall and controls", async () => {
    const scenarios = locomoToScenarios(longConversation(), { speakers: "a" });
    const memoryTokenBudget = 200;
    const historyTokenBudget = 120;
    const run = await runEval({
      mode: "context",
      tiers: ["A"],
      scenarios,
      dataset: "synthetic long conversation",
      datasetKind: "locomo",
      embeddings: "hash",
      chromaUrl: inject("chromaUrl"),
      env: {},
      extraction: "off",
      contextOverrides: { memoryTokenBudget, historyTokenBudget },
    });
    const fixed =
      countTokens(
        buildRespondSystemPrompt({
          now: "2023-03-10T19:40:00Z",
          entities: [],
          memories: [{ id: "m", content: "x", type: "fact", category: "other", importance: 0.5, score: 1, why: "" }],
          summary: "x",
          userProfile: "x",
        }),
      ) + 4;
    expect(run.results).toHaveLength(3);
    for (const r of run.results) expect(r.promptTokens).toBeLessThanOrEqual(memoryTokenBudget + historyTokenBudget + fixed);
    expect(run.results.every((r) => r.strictRecall !== null && r.idRecall !== null && r.controls)).toBe(true);
    expect(run.results.find((r) => r.probeId === "q3")).toMatchObject({ strictRecall: 1, idRecall: 1 });
  });
});
