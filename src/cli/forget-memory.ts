import { InvalidInputError } from "../config/errors.js";
import type { Memoria } from "../graph/create-memoria.js";
import type { MemoryRecord, ScoredMemory } from "../memory/types.js";

/** What /forget did: deleted one memory, or nothing (with the memories closest to the text, as a hint). */
export type ForgetOutcome = { forgot: true; id: string; text: string } | { forgot: false; closest: ScoredMemory[] };

const ID_PREFIX = /^[0-9a-f][0-9a-f-]{7,}$/i;
const HINTS = 3;
const CLIP = 80;

/** A memory's text on one line, cut to `max` characters. */
export function clip(text: string, max = CLIP): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function only(matches: MemoryRecord[], problem: (count: number) => string, advice: string): MemoryRecord | undefined {
  if (matches.length <= 1) return matches[0];
  const options = matches.map((m) => `  [${m.id.slice(0, 8)}] ${clip(m.content)}`).join("\n");
  throw new InvalidInputError(`${problem(matches.length)}, so nothing was deleted; ${advice}:\n${options}`);
}

/**
 * Deletes one of the user's memories named by its id (full, or a prefix of at least 8 characters, of a fact or an episode: both
 * can be shown by /memories) or by a text contained in exactly one of the facts /memories lists; never the nearest search hit.
 */
export async function forgetMemory(api: Memoria["api"], userId: string, idOrText: string): Promise<ForgetOutcome> {
  const needle = idOrText.trim();
  const mine = (await api.list({ userId, limit: Number.MAX_SAFE_INTEGER })).items.filter((m) => m.userId === userId);
  const lower = needle.toLowerCase();
  const byId = ID_PREFIX.test(needle) ? mine.filter((m) => m.id.toLowerCase().startsWith(lower)) : [];
  const target = byId.length
    ? only(byId, (n) => `"${needle}" starts ${n} ids`, "give more of the id")
    : only(
        mine.filter((m) => m.kind !== "episode" && m.content.toLowerCase().includes(lower)),
        (n) => `"${needle}" is in ${n} memories`,
        "use /forget <id> with one of these",
      );
  if (target && (await api.delete(target.id, { userId }))) return { forgot: true, id: target.id, text: target.content };
  return { forgot: false, closest: await api.search(needle, { userId, limit: HINTS }) };
}
