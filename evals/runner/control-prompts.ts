import type { Probe, Scenario } from "../dataset/schema.js";
import { turnsBeforeProbe } from "../dataset/timeline.js";
import { countTokens } from "../../src/memory/token-counter.js";

/** How a control prompt picks the user's earlier turns. */
export type ControlKind = "random" | "recent";

/** A control prompt: earlier user turns, one per line, up to a token count. */
export interface ControlPrompt {
  kind: ControlKind;
  /** Ids of the turns in the prompt. */
  turnIds: string[];
  /** The turns' text, one item per turn. */
  items: string[];
  /** Tokens of the items (a token per line break) plus the question with a message's overhead. */
  tokens: number;
}

/** FNV-1a hash of a string, a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: string): () => number {
  let a = hash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const turnTokens = new Map<string, number>();
const tokensOf = (text: string): number => {
  const known = turnTokens.get(text);
  if (known !== undefined) return known;
  const n = countTokens(text);
  turnTokens.set(text, n);
  return n;
};

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A control prompt of `tokens` tokens for a probe (the question included): the user's own earlier turns, either in a
 * random order seeded by scenario and probe id (reproducible) or newest first. A turn that does not fit is skipped.
 */
export function controlPrompt(scenario: Scenario, probe: Probe, kind: ControlKind, tokens: number): ControlPrompt {
  const earlier = turnsBeforeProbe(scenario, probe).map(({ turn }) => turn);
  const order = kind === "recent" ? earlier.reverse() : shuffled(earlier, seededRandom(`${scenario.id}/${probe.id}`));
  let used = countTokens(probe.question) + 4;
  const chosen: { id: string; text: string }[] = [];
  for (const turn of order) {
    const cost = tokensOf(turn.user) + 1;
    if (used + cost > tokens) continue;
    used += cost;
    chosen.push({ id: turn.id, text: turn.user });
  }
  return { kind, turnIds: chosen.map((c) => c.id), items: chosen.map((c) => c.text), tokens: used };
}
