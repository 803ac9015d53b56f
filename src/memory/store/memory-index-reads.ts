import { DEFAULTS } from "../defaults.js";
import type { MemorySearchOptions } from "../interfaces.js";
import { hybridSearch } from "../retrieval/hybrid-search.js";
import { isOutdatedEpisode } from "../retrieval/stale-episodes.js";
import type { MemoryFilter, MemoryRecord, ScoredMemory } from "../types.js";
import { buildUserProfile, type ProfileOptions } from "../user-profile.js";
import type { MemoryStoreParts } from "./memory-store-parts.js";

/** ChromaMemoryStore.search: hybrid search over the user's index (Chroma while it loads), outdated episodes left out. */
export async function searchStore(parts: MemoryStoreParts, query: string, options: MemorySearchOptions): Promise<ScoredMemory[]> {
  const limit = options.limit ?? DEFAULTS.searchLimit;
  if (!query.trim() || limit <= 0) return [];
  await parts.options.unmigrated?.check(options.userId);
  const { limit: _limit, minScore: _minScore, now: _now, includeHistorical, ...fields } = options;
  const filter: MemoryFilter = { ...fields, current: includeHistorical ? undefined : true, liveAt: parts.now(options.now) };
  const found = await hybridSearch(
    parts.rows,
    parts.index,
    { query, filter, limit, minScore: options.minScore, now: parts.now(options.now) },
    parts.ranking,
    parts.options.search,
  );
  if (parts.shared) await dropDeletedElsewhere(parts, found);
  if (includeHistorical || !parts.index || !found.some((m) => m.kind === "episode")) return found;
  const userIndex = parts.index.peek(options.userId);
  if (!userIndex) return found;
  return found.filter((m) => !isOutdatedEpisode(m, userIndex.siblings(m.id, { userId: options.userId })));
}

/** Removes from the results, and from the index, memories another process deleted since the index was loaded. */
async function dropDeletedElsewhere(parts: MemoryStoreParts, found: ScoredMemory[]): Promise<void> {
  if (!found.length) return;
  const alive = await parts.rows.existing(found.map((m) => m.id));
  const gone = found.filter((m) => !alive.has(m.id)).map((m) => m.id);
  if (!gone.length) return;
  parts.index?.remove(gone);
  found.splice(0, found.length, ...found.filter((m) => alive.has(m.id)));
}

/** ChromaMemoryStore.expiredIds: the user's memories expired at `now`, from the index when loaded, else from Chroma. */
export async function expiredIdsOf(parts: MemoryStoreParts, userId: string, now?: string): Promise<string[]> {
  const filter: MemoryFilter = { userId, where: { field: "expiresAt", op: "$lte", value: parts.now(now) } };
  const lexicon = parts.index?.peek(userId);
  return lexicon ? lexicon.ids(filter) : (await parts.rows.find(filter)).map((r) => r.id);
}

/** Every memory matching a filter (current and superseded unless filtered), newest first. */
export async function allMemories(parts: MemoryStoreParts, filter: MemoryFilter): Promise<MemoryRecord[]> {
  await parts.options.unmigrated?.check(filter.userId);
  const records = await parts.rows.find(filter);
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** ChromaMemoryStore.profile: read from the in-process index when it is on and not shared, else from Chroma. */
export async function profileOf(parts: MemoryStoreParts, userId: string, options?: ProfileOptions): Promise<string> {
  if (!parts.index || parts.shared)
    return buildUserProfile(await allMemories(parts, { userId, current: true, kind: "fact", liveAt: parts.now() }), options);
  await parts.options.unmigrated?.check(userId);
  const lexicon = await parts.index.get(userId);
  return buildUserProfile(
    lexicon.ids({ userId, current: true, liveAt: parts.now() }).flatMap((id) => lexicon.get(id) ?? []),
    options,
  );
}
