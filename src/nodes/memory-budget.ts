import type { RetrievedMemory } from "../graph/state.js";
import { countTokens } from "../memory/token-counter.js";
import { episodeGroup, episodeHeader, episodeLines, renderFact } from "./render-memories.js";

/** A retrieved memory; its source message ids link facts to the episode they came from. */
export type BudgetCandidate = RetrievedMemory;

/** Tokens a memory adds to the rendered section (an episode's first in its group also pays for the group header). */
function cost(m: RetrievedMemory, openGroups: Set<string>): number {
  if (m.kind !== "episode") return countTokens(renderFact(m)) + 1;
  const header = openGroups.has(episodeGroup(m)) ? 0 : countTokens(episodeHeader(m)) + 1;
  const lines = episodeLines(m);
  return header + lines.reduce((sum, line) => sum + countTokens(line) + 1, 0);
}

/**
 * Fills a token budget with the best-ranked memories (input is best first): a memory that does not fit is skipped and
 * smaller ones after it may still fit. When a fact and its source episode (sharing a message id) both match, only the
 * fact is taken: it is compact and reconciled, while the raw exchange may state what a later fact superseded. An episode
 * whose messages the prompt's history already shows (`shownIds`) is skipped: it would say the same words twice.
 */
export function packMemories(
  ranked: BudgetCandidate[],
  budget: number,
  maxItems = Infinity,
  shownIds: ReadonlySet<string> = new Set(),
): RetrievedMemory[] {
  const chosen: RetrievedMemory[] = [];
  const seenMessages = new Set<string>();
  const openGroups = new Set<string>();
  const factMessages = new Set(ranked.filter((m) => m.kind !== "episode").flatMap((m) => m.messageIds ?? []));
  let used = 0;
  for (const m of ranked) {
    if (chosen.length >= maxItems) break;
    const ids = m.messageIds ?? [];
    if (ids.some((id) => seenMessages.has(id))) continue;
    if (m.kind === "episode" && ids.some((id) => factMessages.has(id) || shownIds.has(id))) continue;
    const c = cost(m, openGroups);
    if (used + c > budget) continue;
    used += c;
    ids.forEach((id) => seenMessages.add(id));
    if (m.kind === "episode") openGroups.add(episodeGroup(m));
    chosen.push(m);
  }
  return chosen;
}
