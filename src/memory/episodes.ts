import { stableId } from "./content-hash.js";
import type { MemoryRecord } from "./types.js";

/** Default cap on stored episodes per user; the oldest are dropped on write beyond it. */
export const DEFAULT_MAX_EPISODES_PER_USER = 5_000;

/** One exchange to store as an episode: the user's message, the reply, and who said them. */
export interface EpisodeInput {
  userMessage: string;
  assistantMessage?: string;
  /** Name of the user speaking, when known. */
  speaker?: string | null;
  /** The exchange's scope, recorded on the episode. */
  agentId?: string;
  runId?: string;
}

/** The stored text of an episode: the user's line and the reply's, each on its own line. */
export function episodeContent(input: EpisodeInput): string {
  const user = input.userMessage.trim();
  const reply = input.assistantMessage?.trim();
  return reply ? `user: ${user}\nassistant: ${reply}` : `user: ${user}`;
}

/** Ids of the episodes to drop so at most `max` remain: the oldest first (by creation time, then id). */
export function episodesOverLimit(episodes: Pick<MemoryRecord, "id" | "createdAt">[], max: number): string[] {
  if (episodes.length <= max) return [];
  return [...episodes]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(0, episodes.length - max)
    .map((e) => e.id);
}

/** The id of an exchange's episode, the same whenever that exchange is stored again (a job or node replayed after a crash): from the user, the thread and the exchange's first message id; undefined without message ids. */
export function episodeId(userId: string, source: { threadId?: string; messageIds?: string[] }): string | undefined {
  const first = source.messageIds?.[0];
  if (!first) return undefined;
  const hex = stableId(JSON.stringify(["episode", userId, source.threadId ?? null, first]));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
