import { describe, expect, it } from "vitest";
import { contextRecall, staleAsCurrent } from "../../evals/scoring/context-recall.js";
import { containsAnswer, exactMatch } from "../../evals/scoring/exact-match.js";
import { containsPhrase, normalizeText } from "../../evals/scoring/normalize.js";
import { tokenF1 } from "../../evals/scoring/token-f1.js";
import { turnIdRecall, turnRecall } from "../../evals/scoring/turn-recall.js";

describe("normalize", () => {
  it("folds case, accents, punctuation, whitespace, plurals and number words", () => {
    expect(normalizeText("  Fátima lives in GRAÇA,   Lisbon!! ")).toBe("fatima live in graca lisbon");
    expect(normalizeText("Two dogs and three puppies")).toBe("2 dog and 3 puppy");
    expect(normalizeText("£20,000 by the 1st")).toBe("20000 by the 1");
    expect(normalizeText("It's 5K")).toBe("its 5000");
  });

  it("writes dates one way", () => {
    expect(normalizeText("2024-04-14")).toBe("14 april 2024");
    expect(normalizeText("April 14th, 2024")).toBe("14 april 2024");
    expect(normalizeText("14 Apr 2024")).toBe("14 april 2024");
    expect(containsPhrase(normalizeText("eventDate: 2024-05-18"), "18 May")).toBe(true);
  });

  it("matches whole tokens only, and never an empty phrase", () => {
    expect(containsPhrase(normalizeText("Lisbon"), "Lis")).toBe(false);
    expect(containsPhrase(normalizeText("anything"), "")).toBe(false);
    expect(containsPhrase(normalizeText("anything"), "!!!")).toBe(false);
  });
});

describe("contextRecall", () => {
  it("scores the share of evidence phrases present", () => {
    const r = contextRecall({ skill: "fact-recall", evidence: ["Kyoto", "Osaka"] }, "User is visiting kyoto in October.");
    expect(r).toMatchObject({ applicable: true, recall: 0.5, found: ["Kyoto"], missing: ["Osaka"] });
  });

  it("gives 0 on an empty prompt and handles unicode, punctuation and numbers", () => {
    expect(contextRecall({ evidence: ["Graça"] }, "").recall).toBe(0);
    expect(contextRecall({ evidence: ["Graça", "18,400", "Gardener's Delight"] }, "graca; 18400 saved; gardeners delight").recall).toBe(1);
  });

  it("marks abstention probes not applicable", () => {
    expect(contextRecall({ skill: "abstention", evidence: [] }, "anything")).toMatchObject({ applicable: false, recall: null });
  });

  it("falls back to evidence turns when there are no phrases", () => {
    const turns = [
      { id: "D1:2", texts: ["I adopted a kitten called Miso last week"] },
      { id: "D3:1", texts: ["My brother plays the oboe"] },
    ];
    const r = contextRecall({ evidence: [], evidenceTurns: turns }, "Memory: Ana adopted a kitten named Miso.");
    expect(r).toMatchObject({ applicable: true, recall: 0.5, found: ["D1:2"], missing: ["D3:1"] });
    expect(contextRecall({ evidence: [] }, "x")).toMatchObject({ applicable: false, recall: null });
  });

  it("flags a stale value presented as current, not one marked as past", () => {
    const probe = { skill: "update", evidence: ["Lisbon"], stale: ["Manchester"] };
    expect(contextRecall(probe, "City: Manchester\nOccupation: designer")).toMatchObject({
      recall: 0,
      staleFound: ["Manchester"],
      staleAsCurrent: true,
    });
    expect(contextRecall(probe, "- Tom moved from Manchester to Lisbon in February.").staleAsCurrent).toBe(false);
    expect(contextRecall(probe, "- Tom lives in Lisbon. - He previously lived in Manchester.").staleAsCurrent).toBe(false);
    expect(contextRecall(probe, "- Tom lives in Lisbon.")).toMatchObject({ recall: 1, staleFound: [], staleAsCurrent: false });
    expect(staleAsCurrent("User lives in Lisbon.\nUser lives in Manchester.", ["Manchester"], ["Lisbon"])).toBe(true);
  });

  it("reads each attribute of an entity line together with the entity's head", () => {
    const former = "- Brightside Studio (organization, former): type: design agency; city: Manchester";
    const current = "- Brightside Studio (organization): type: design agency; city: Manchester";
    expect(staleAsCurrent(former, ["Manchester"], ["Lisbon"])).toBe(false);
    expect(staleAsCurrent(current, ["Manchester"], ["Lisbon"])).toBe(true);
    expect(staleAsCurrent("- Pepper (pet): age: 4 years old; walker: Bethan", ["Bethan"], ["Rhys"])).toBe(true);
    expect(staleAsCurrent("- Bethan (person, former): relation: neighbour", ["Bethan"], ["Rhys"])).toBe(false);
  });
});

describe("turn recall", () => {
  it("uses a coverage threshold and reports coverage per turn", () => {
    const r = turnRecall("the kitten is called Miso", [{ id: "a", texts: ["kitten Miso orange"] }], 0.6);
    expect(r.coverage.a).toBeCloseTo(2 / 3);
    expect(r.recall).toBe(1);
    expect(turnRecall("", [{ id: "a", texts: ["kitten"] }]).recall).toBe(0);
    expect(turnRecall("x", []).recall).toBeNull();
  });

  it("computes id-based recall", () => {
    expect(turnIdRecall(["D1:1", "D2:3"], ["D2:3", "D9:9"])).toBe(0.5);
    expect(turnIdRecall([], ["D1:1"])).toBeNull();
  });
});

describe("answer metrics", () => {
  it("computes SQuAD-style token F1", () => {
    expect(tokenF1("The Royal Northern Sinfonia", "royal northern sinfonia")).toBe(1);
    expect(tokenF1("in Kyoto then Osaka", "Kyoto and Osaka")).toBeCloseTo(4 / 7);
    expect(tokenF1("", "")).toBe(1);
    expect(tokenF1("", "Lisbon")).toBe(0);
    expect(tokenF1("nothing alike", "Lisbon")).toBe(0);
    expect(tokenF1("twenty dogs", "20 dog")).toBe(1);
  });

  it("computes exact match and containment", () => {
    expect(exactMatch("Lisbon!", "lisbon")).toBe(1);
    expect(exactMatch("An architect", "architect")).toBe(1);
    expect(exactMatch("Lisbon, Portugal", "Lisbon")).toBe(0);
    expect(containsAnswer("She lives in Lisbon now.", "Lisbon")).toBe(1);
    expect(containsAnswer("anything", "")).toBe(0);
  });
});
