import { normalizeTokens } from "./normalize.js";

const STOPWORDS = new Set(
  (
    "i me my mine we our you your he him his she her it its they them their a an the and or but if so of to in on at by for " +
    "with from as is am are was were be been being do did does have has had this that these those there here what which who " +
    "whom when where why how not no yes just really very too also can could would should will shall may might must about " +
    "up down out over into then than oh hey hi yeah ok okay like get got so im ive id youre thats dont"
  ).split(" "),
);

/** A source turn that supports a probe, with the texts that may represent it (message, gold facts). */
export interface EvidenceTurn {
  id: string;
  texts: string[];
}

/** Result of a turn-based recall. */
export interface TurnRecallResult {
  recall: number | null;
  found: string[];
  missing: string[];
  coverage: Record<string, number>;
}

/** Content tokens (normalised, stopwords removed, unique) of a text. */
export function contentTokens(text: string): Set<string> {
  return new Set(normalizeTokens(text).filter((t) => !STOPWORDS.has(t)));
}

/** Share of the content tokens of `text` present anywhere in `prompt` (0 when `text` has none). */
export function tokenCoverage(prompt: string | Set<string>, text: string): number {
  const have = typeof prompt === "string" ? new Set(normalizeTokens(prompt)) : prompt;
  const need = contentTokens(text);
  if (need.size === 0) return 0;
  let hit = 0;
  for (const t of need) if (have.has(t)) hit += 1;
  return hit / need.size;
}

/**
 * Share of evidence turns represented in the prompt: a turn counts when any of its texts has
 * at least `threshold` of its content tokens in the prompt. Null when there are no evidence turns.
 */
export function turnRecall(prompt: string, turns: readonly EvidenceTurn[], threshold = 0.5): TurnRecallResult {
  const have = new Set(normalizeTokens(prompt));
  const coverage: Record<string, number> = {};
  const found: string[] = [];
  const missing: string[] = [];
  for (const turn of turns) {
    const best = Math.max(0, ...turn.texts.map((text) => tokenCoverage(have, text)));
    coverage[turn.id] = best;
    (best >= threshold ? found : missing).push(turn.id);
  }
  return { recall: turns.length === 0 ? null : found.length / turns.length, found, missing, coverage };
}

/** Share of evidence turn ids among the ids the prompt was built from (null when there is no evidence). */
export function turnIdRecall(evidenceTurnIds: readonly string[], presentTurnIds: Iterable<string>): number | null {
  if (evidenceTurnIds.length === 0) return null;
  const present = new Set(presentTurnIds);
  return evidenceTurnIds.filter((id) => present.has(id)).length / evidenceTurnIds.length;
}

/** Strict recall of one prompt: which evidence turns are themselves in it. */
export interface StrictRecallInput {
  /** The prompt's items (rendered memory lines, history messages), each scored on its own. */
  items: readonly string[];
  /** Ids of the turns the prompt was built from (source messages of its memories, its history messages). */
  presentIds: Iterable<string>;
}

/**
 * Strict turn recall: a turn counts when its id is among the prompt's source ids, or when one single item holds at least
 * `threshold` of the content words of the turn's own text (its first text; gold facts do not count). Null without evidence.
 */
export function strictTurnRecall(input: StrictRecallInput, turns: readonly EvidenceTurn[], threshold = 0.9): TurnRecallResult {
  const present = new Set(input.presentIds);
  const items = input.items.map((item) => new Set(normalizeTokens(item)));
  const coverage: Record<string, number> = {};
  const found: string[] = [];
  const missing: string[] = [];
  for (const turn of turns) {
    const own = turn.texts[0] ?? "";
    const best = present.has(turn.id) ? 1 : Math.max(0, ...items.map((item) => tokenCoverage(item, own)));
    coverage[turn.id] = best;
    (best >= threshold ? found : missing).push(turn.id);
  }
  return { recall: turns.length === 0 ? null : found.length / turns.length, found, missing, coverage };
}
