import { containsPhrase, normalizeText } from "../scoring/normalize.js";
import type { Probe, Scenario, Turn } from "./schema.js";
import { turnsBeforeProbe, type PlacedTurn } from "./timeline.js";

/** Where a probe's evidence was said: in the probe's own session (a thread can hold it) or earlier. */
export type EvidenceLocality = "same-session" | "cross-session" | "none";

/** The user-side text of a turn: message, gold fact contents and dates, entity names and attributes. */
export function turnEvidenceText(turn: Turn): string {
  const facts = turn.facts.map((f) => [f.content, f.eventDate ?? ""].join(" "));
  const entities = turn.entities.map((e) => [e.name, ...Object.entries(e.attributes).flat()].join(" "));
  return [turn.user, ...facts, ...entities].join("\n");
}

/** Earlier turns (before the probe) whose user-side text contains the phrase. */
export function turnsMentioning(scenario: Scenario, probe: Probe, phrase: string): PlacedTurn[] {
  return turnsBeforeProbe(scenario, probe).filter(({ turn }) => containsPhrase(normalizeText(turnEvidenceText(turn)), phrase));
}

/** Whether every evidence phrase of the probe was said earlier in its own session, or some only in earlier sessions. */
export function evidenceLocality(scenario: Scenario, probe: Probe): EvidenceLocality {
  if (probe.evidence.length === 0) {
    const ids = probe.evidenceTurnIds ?? [];
    if (ids.length === 0) return "none";
    const own = new Set(scenario.sessions.find((s) => s.id === probe.sessionId)?.turns.map((t) => t.id));
    return ids.every((id) => own.has(id)) ? "same-session" : "cross-session";
  }
  const inSession = probe.evidence.every((phrase) =>
    turnsMentioning(scenario, probe, phrase).some(({ session }) => session.id === probe.sessionId),
  );
  return inSession ? "same-session" : "cross-session";
}
