import type { MemoryRecord } from "../types.js";

/**
 * Whether an episode is outdated: facts were extracted from its messages and every one of them has since been
 * superseded, so the exchange states what is no longer true. Episodes without extracted facts are never outdated.
 */
export function isOutdatedEpisode(episode: MemoryRecord, siblings: MemoryRecord[]): boolean {
  if (episode.kind !== "episode") return false;
  const facts = siblings.filter((s) => s.kind !== "episode");
  return facts.length > 0 && facts.every((f) => !!f.validUntil);
}
