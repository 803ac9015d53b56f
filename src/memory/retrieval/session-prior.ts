import type { MemoryRecord } from "../types.js";
import type { Candidate } from "./fuse-channels.js";

/** Candidates whose relevance sums to a session's score: a few strong hits, not many weak ones. */
const SESSION_HITS = 3;

/** The session a memory belongs to: its thread on the day it happened (none for superseded or threadless memories). */
export function sessionKey(record: MemoryRecord): string | undefined {
  if (record.validUntil || !record.source.threadId) return undefined;
  return `${record.source.threadId}@${(record.eventDate ?? record.createdAt).slice(0, 10)}`;
}

/**
 * Two-level ranking: scores each session by the summed relevance of its best few candidates, then multiplies the relevance of
 * every candidate of the `top` best sessions by 1 + boost × (session score / best session score).
 */
export function sessionPrior(candidates: Candidate[], top: number, boost: number): Candidate[] {
  if (top <= 0 || boost <= 0) return candidates;
  const hits = new Map<string, number[]>();
  const keys = candidates.map((c) => sessionKey(c.record));
  candidates.forEach((c, i) => {
    const key = keys[i];
    if (key === undefined) return;
    const scores = hits.get(key);
    if (!scores) hits.set(key, [c.relevance]);
    else if (scores.length < SESSION_HITS) scores.push(c.relevance);
    else {
      const least = scores.indexOf(Math.min(...scores));
      if (c.relevance > scores[least]!) scores[least] = c.relevance;
    }
  });
  const sessions = [...hits]
    .map(([key, scores]) => ({ key, score: scores.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1))
    .slice(0, top);
  const best = sessions[0]?.score;
  if (!best) return candidates;
  const ranked = new Map(sessions.map((s, i) => [s.key, { rank: i + 1, boost: 1 + (boost * s.score) / best }]));
  return candidates.map((c, i) => {
    const session = keys[i] === undefined ? undefined : ranked.get(keys[i]);
    if (!session) return c;
    return { ...c, relevance: c.relevance * session.boost, channels: { ...c.channels, session } };
  });
}
