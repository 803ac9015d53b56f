import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLocomoAsScenarios, locomoToScenarios, parseLocomoDate } from "../../evals/dataset/load-locomo-as-scenarios.js";
import { DatasetError } from "../../evals/dataset/load-dataset.js";
import { allTurns } from "../../evals/dataset/timeline.js";

const LOCOMO = "/work/shared/datasets/locomo/locomo-dev.json";
const hasLocomo = existsSync(LOCOMO);
if (!hasLocomo)
  console.warn(`[locomo-converter] ${LOCOMO} not found: skipping the real-file conversion test; the synthetic-sample tests still run.`);

const sample = {
  sample_id: "t-1",
  conversation: {
    speaker_a: "Ana",
    speaker_b: "Ben",
    session_1_date_time: "9:05 am on 3 March, 2023",
    session_1: [
      { speaker: "Ben", dia_id: "D1:1", text: "Morning Ana!" },
      { speaker: "Ana", dia_id: "D1:2", text: "Hi Ben, I adopted a kitten called Miso." },
      { speaker: "Ben", dia_id: "D1:3", text: "Cute! I started a pottery course.", blip_caption: "a clay bowl" },
    ],
    session_2_date_time: "7:40 pm on 10 March, 2023",
    session_2: [{ speaker: "Ana", dia_id: "D2:1", text: "Miso knocked over my plant." }],
  },
  qa: [
    { question: "What is Ana's kitten called?", answer: "Miso", evidence: ["D1:2"], category: 1 },
    { question: "When did Ben start pottery?", answer: "March 2023", evidence: ["D1:3"], category: 2 },
    { question: "What did Ana realise?", adversarial_answer: "x", evidence: ["D1:2"], category: 5 },
  ],
  observation: {
    session_1_observation: { Ana: [["Ana adopted a kitten named Miso.", "D1:2"]], Ben: [["Ben started pottery.", ["D1:3"]]] },
  },
};

describe("LoCoMo converter", () => {
  it("parses LoCoMo session dates", () => {
    expect(parseLocomoDate("1:56 pm on 8 May, 2023")).toBe("2023-05-08T13:56");
    expect(parseLocomoDate("12:48 am on 1 February, 2023")).toBe("2023-02-01T00:48");
    expect(() => parseLocomoDate("yesterday")).toThrow(DatasetError);
  });

  it("makes one scenario per speaker with turns, openers, facts and probes", () => {
    const [ana, ben] = locomoToScenarios([sample]);
    expect(ana!.id).toBe("locomo-t-1-ana");
    const first = ana!.sessions[0]!.turns[0]!;
    expect(first).toMatchObject({ id: "D1:2", assistantOpener: "Morning Ana!", sourceIds: ["D1:2", "D1:3"] });
    expect(first.assistant).toContain("[shares a photo: a clay bowl]");
    expect(first.facts.map((f) => f.content)).toEqual(["Ana adopted a kitten named Miso."]);
    expect(ana!.probes.map((p) => [p.question, p.skill, p.evidenceTurnIds])).toEqual([
      ["What is Ana's kitten called?", "fact-recall", ["D1:2"]],
    ]);
    expect(ana!.probes[0]).toMatchObject({ sessionId: "S2", askAfter: "D2:1", evidence: [] });
    expect(ben!.probes.map((p) => p.skill)).toEqual(["temporal"]);
    expect(ben!.sessions[1]!.turns).toEqual([]);
  });

  it("rejects data that is not LoCoMo", () => {
    expect(() => locomoToScenarios([{ nope: true }])).toThrow(/not LoCoMo data/);
  });

  it.runIf(hasLocomo)("converts the real locomo-dev.json: 5 conversations x 2 speakers, category 1-4 probes kept", async () => {
    const scenarios = await loadLocomoAsScenarios(LOCOMO);
    expect(scenarios).toHaveLength(10);
    const probes = scenarios.flatMap((s) => s.probes);
    expect(probes.length).toBeGreaterThanOrEqual(755);
    expect(probes.length).toBeLessThanOrEqual(762);
    expect(new Set(probes.map((p) => p.skill))).toEqual(new Set(["fact-recall", "temporal"]));
    for (const s of scenarios) {
      const ids = new Set(allTurns(s).map(({ turn }) => turn.id));
      for (const p of s.probes) for (const id of p.evidenceTurnIds ?? []) expect(ids.has(id)).toBe(true);
      expect(allTurns(s).some(({ turn }) => turn.facts.length > 0)).toBe(true);
    }
  });
});
