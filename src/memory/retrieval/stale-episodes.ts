import type { MemoryRecord } from "../types.js";

/**
 * Whether an episode is outdated: a fact extracted from its messages has since been superseded, so the exchange states
 * something no longer true; its facts that still hold stand in for it. Episodes without extracted facts are never outdated.
 */
export function isOutdatedEpisode(episode: MemoryRecord, siblings: MemoryRecord[]): boolean {
  if (episode.kind !== "episode") return false;
  const facts = siblings.filter((s) => s.kind !== "episode");
  return facts.some((f) => !!f.validUntil);
}
