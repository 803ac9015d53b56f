import { describe, expect, it } from "vitest";
import { evidenceLocality, turnEvidenceText, turnsMentioning } from "../../evals/dataset/evidence-locality.js";
import { loadScenarios } from "../../evals/dataset/load-dataset.js";
import { SKILLS, type GoldFact, type Probe, type Scenario } from "../../evals/dataset/schema.js";
import { factsOf, turnsBeforeProbe } from "../../evals/dataset/timeline.js";
import { staleAsCurrent } from "../../evals/scoring/context-recall.js";
import { containsPhrase, normalizeText } from "../../evals/scoring/normalize.js";
import { toEntityUpdate } from "../../evals/oracle/oracle-extractors.js";
import { mergeEntity, renderEntity } from "../../src/memory/entity-merge.js";
import type { EntityRecord } from "../../src/memory/types.js";

const scenarios = await loadScenarios();
const has = (text: string, phrase: string) => containsPhrase(normalizeText(text), phrase);
const cases = scenarios.flatMap((s) => s.probes.map((p) => [`${s.id}/${p.id}`, s, p] as [string, Scenario, Probe]));

describe("personalization dataset", () => {
  it("loads at least 12 valid scenarios of 3-6 sessions with distinct users", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
    for (const s of scenarios) {
      expect(s.sessions.length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.sessions.length, s.id).toBeLessThanOrEqual(6);
      expect(new Set(s.sessions.map((x) => x.date)).size, `${s.id} session dates`).toBe(s.sessions.length);
    }
    expect(new Set(scenarios.map((s) => s.profile.name)).size).toBe(scenarios.length);
  });

  it("covers every skill, and every scenario has 6-10 probes over at least 4 skills", () => {
    const skills = new Set(scenarios.flatMap((s) => s.probes.map((p) => p.skill)));
    expect([...skills].sort()).toEqual([...SKILLS].sort());
    for (const s of scenarios) {
      expect(s.probes.length, s.id).toBeGreaterThanOrEqual(6);
      expect(s.probes.length, s.id).toBeLessThanOrEqual(10);
      expect(new Set(s.probes.map((p) => p.skill)).size, s.id).toBeGreaterThanOrEqual(4);
    }
  });

  it("mixes same-session probes (a thread can answer) with a majority of cross-session probes", () => {
    for (const s of scenarios) {
      const localities = s.probes.map((p) => evidenceLocality(s, p));
      expect(localities.filter((l) => l === "same-session").length, s.id).toBeGreaterThanOrEqual(1);
      const cross = localities.filter((l) => l === "cross-session").length;
      expect(cross, s.id).toBeGreaterThan(localities.filter((l) => l === "same-session").length);
    }
  });

  it.each(cases)("%s: evidence phrases were said before the probe", (_id, s, p) => {
    const said = turnsBeforeProbe(s, p)
      .map(({ turn }) => turnEvidenceText(turn))
      .join("\n");
    for (const phrase of p.evidence) expect(has(said, phrase), `evidence "${phrase}"`).toBe(true);
    for (const phrase of p.stale ?? []) expect(has(said, phrase), `stale "${phrase}"`).toBe(true);
  });

  it.each(cases)("%s: the skill is backed by the right kind of gold data", (_id, s, p) => {
    const before = turnsBeforeProbe(s, p);
    const facts = factsOf(before);
    const byId = new Map<string, GoldFact>(facts.map((f) => [f.id, f]));
    if (p.skill === "update") {
      const superseding = facts.filter((f) => {
        const old = f.supersedes ? byId.get(f.supersedes) : undefined;
        return old && p.evidence.some((e) => has(f.content, e)) && (p.stale ?? []).some((st) => has(old.content, st));
      });
      expect(superseding.length, "a fact with the new value superseding one with the stale value").toBeGreaterThan(0);
    }
    if (p.skill === "preference") {
      const standing = facts.filter((f) => f.type === "preference" || f.category === "health" || f.category === "food");
      expect(
        standing.some((f) => p.evidence.some((e) => has(f.content, e))),
        "a preference or dietary/health constraint",
      ).toBe(true);
    }
    if (p.skill === "entity") {
      const entities = before.flatMap(({ turn }) => turn.entities);
      const text = entities.map((e) => [e.name, ...Object.values(e.attributes)].join(" ")).join("\n");
      for (const phrase of p.evidence) expect(has(text, phrase), `entity data holds "${phrase}"`).toBe(true);
    }
    if (p.skill === "temporal") {
      expect(facts.some((f) => f.eventDate !== undefined && p.evidence.some((e) => has(f.content, e)))).toBe(true);
    }
    if (p.skill === "abstention") {
      expect(p.evidence).toEqual([]);
    }
    for (const phrase of p.evidence) expect(turnsMentioning(s, p, phrase).length).toBeGreaterThan(0);
  });

  it.each(cases.filter(([, , p]) => p.skill === "update"))(
    "%s: gold entities before the probe mark the stale value as past",
    (_id, s, p) => {
      const known = new Map<string, EntityRecord>();
      for (const { turn } of turnsBeforeProbe(s, p)) {
        for (const entity of turn.entities) {
          const id = normalizeText(entity.name);
          known.set(id, mergeEntity(known.get(id), toEntityUpdate(entity), { id, userId: s.id, now: "2024-01-01T00:00:00.000Z" }));
        }
      }
      const lines = [...known.values()].map((e) => `- ${renderEntity(e)}`).join("\n");
      expect(staleAsCurrent(lines, p.stale ?? [], p.evidence), lines).toBe(false);
    },
  );

  it("gives every superseding fact an earlier fact to replace, and every update probe a superseding fact", () => {
    for (const s of scenarios) {
      const ids: string[] = [];
      for (const session of s.sessions) {
        for (const turn of session.turns) {
          for (const f of turn.facts) {
            if (f.supersedes) expect(ids, `${s.id}/${f.id}`).toContain(f.supersedes);
            ids.push(f.id);
          }
        }
      }
    }
  });
});
