import type { BaseMessage } from "@langchain/core/messages";
import type { Probe, Scenario } from "../dataset/schema.js";
import { turnsBeforeProbe } from "../dataset/timeline.js";
import { contextRecall } from "../scoring/context-recall.js";
import { strictTurnRecall, turnIdRecall, turnRecall, type EvidenceTurn } from "../scoring/turn-recall.js";
import { controlPrompt, type ControlKind } from "./control-prompts.js";
import { countMessageTokens, countTokens, messageText } from "../../src/memory/token-counter.js";

/** What the prompt of one probe turn scores. */
export interface ContextScore {
  promptTokens: number;
  recall: number | null;
  /** Share of evidence turns themselves in the prompt (see strictTurnRecall); null without turn-level evidence. */
  strictRecall: number | null;
  /** Share of evidence turn ids among the prompt's source ids alone; null without turn-level evidence. */
  idRecall: number | null;
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

/**
 * Scores the messages sent for a probe: recall over everything but the question itself (lenient, and strict with the ids
 * of the turns the prompt was built from: its memories' source messages and its history messages), stale values, tokens.
 */
export function scoreContext(scenario: Scenario, probe: Probe, sent: BaseMessage[], sourceIds: readonly string[] = []): ContextScore {
  const earlier = sent.slice(0, -1);
  const context = earlier.map(messageText).join("\n");
  const turns = evidenceTurns(scenario, probe);
  const result = contextRecall({ skill: probe.skill, evidence: probe.evidence, stale: probe.stale, evidenceTurns: turns }, context);
  const presentIds = [...sourceIds, ...earlier.flatMap((m) => (m.id ? [m.id] : []))];
  const turnLevel = result.applicable && probe.evidence.length === 0;
  return {
    promptTokens: countMessageTokens(sent),
    recall: result.recall,
    strictRecall: turnLevel ? strictTurnRecall({ items: context.split("\n"), presentIds }, turns).recall : null,
    idRecall: turnLevel
      ? turnIdRecall(
          turns.map((t) => t.id),
          presentIds,
        )
      : null,
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

/** Lenient and strict recall of a control prompt, and its tokens. */
export interface ControlScore {
  recall: number | null;
  strictRecall: number | null;
  tokens: number;
}

/** Scores the control prompts of a probe (random and most recent earlier user turns) at the probe's prompt tokens. */
export function scoreControls(scenario: Scenario, probe: Probe, tokens: number): Record<ControlKind, ControlScore> {
  const turns = evidenceTurns(scenario, probe);
  const score = (kind: ControlKind): ControlScore => {
    const control = controlPrompt(scenario, probe, kind, tokens);
    return {
      recall: turnRecall(control.items.join("\n"), turns).recall,
      strictRecall: strictTurnRecall({ items: control.items, presentIds: control.turnIds }, turns).recall,
      tokens: control.tokens,
    };
  };
  return { random: score("random"), recent: score("recent") };
}
