import type { BaseMessage } from "@langchain/core/messages";
import type { Probe, Scenario } from "../dataset/schema.js";
import { turnsBeforeProbe } from "../dataset/timeline.js";
import { contextRecall } from "../scoring/context-recall.js";
import type { EvidenceTurn } from "../scoring/turn-recall.js";
import { countMessageTokens, countTokens, messageText } from "../../src/memory/token-counter.js";

/** What the prompt of one probe turn scores. */
export interface ContextScore {
  promptTokens: number;
  recall: number | null;
  found: string[];
  missing: string[];
  staleAsCurrent: boolean | null;
}

/** Evidence turns of a probe with turn-level evidence (LoCoMo): each turn's message and its gold facts. */
export function evidenceTurns(scenario: Scenario, probe: Probe): EvidenceTurn[] {
  const byId = new Map(scenario.sessions.flatMap((s) => s.turns.map((t) => [t.id, t] as const)));
  return (probe.evidenceTurnIds ?? []).flatMap((id) => {
    const turn = byId.get(id);
    return turn ? [{ id, texts: [turn.user, ...turn.facts.map((f) => f.content)] }] : [];
  });
}

/** Scores the messages sent for a probe: recall over everything but the question itself, stale values, tokens. */
export function scoreContext(scenario: Scenario, probe: Probe, sent: BaseMessage[]): ContextScore {
  const context = sent.slice(0, -1).map(messageText).join("\n");
  const result = contextRecall(
    { skill: probe.skill, evidence: probe.evidence, stale: probe.stale, evidenceTurns: evidenceTurns(scenario, probe) },
    context,
  );
  return {
    promptTokens: countMessageTokens(sent),
    recall: result.recall,
    found: result.found,
    missing: result.missing,
    staleAsCurrent: probe.skill === "update" ? result.staleAsCurrent : null,
  };
}

/** Tokens of the whole conversation said before a probe (user and assistant), plus the question. */
export function fullHistoryTokens(scenario: Scenario, probe: Probe): number {
  const said = turnsBeforeProbe(scenario, probe).flatMap(({ turn }) => [turn.assistantOpener, turn.user, turn.assistant]);
  return [...said, probe.question].filter((t): t is string => !!t).reduce((sum, t) => sum + countTokens(t) + 4, 0);
}
