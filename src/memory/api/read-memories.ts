import { DEFAULTS } from "../defaults.js";
import { parseFilter } from "../filters/parse-filter.js";
import type { ScoredMemory } from "../types.js";
import { apiNow, checkUserId } from "./api-checks.js";
import { purgeExpired } from "./expiry.js";
import type { ApiSearchOptions, ListOptions, MemoryApiDeps, MemoryPage } from "./memory-api-types.js";
import { checkScope, scopedWhere } from "./scope.js";

/** MemoryApi.search: the user's memories most relevant to a query (expired ones hidden), then a throttled purge of expired ones over the index the search loaded. */
export async function searchMemories(
  deps: MemoryApiDeps,
  purgeSometimes: (userId: string, now: string) => Promise<void>,
  query: string,
  options: ApiSearchOptions,
): Promise<ScoredMemory[]> {
  const userId = checkUserId(options.userId);
  const { includeHistorical, where } = parseFilter(options.filters);
  const scoped = scopedWhere(checkScope(options), where);
  const found = await deps.memory.search(query, {
    includeHistorical,
    where: scoped,
    userId,
    limit: options.limit ?? DEFAULTS.searchLimit,
    minScore: options.minScore,
    now: options.now,
  });
  await purgeSometimes(userId, apiNow(deps, options.now));
  return found;
}

/** MemoryApi.list: a page of the user's memories, newest first, matching the list options' fields and filters. */
export async function listMemories(deps: MemoryApiDeps, options: ListOptions): Promise<MemoryPage> {
  const userId = checkUserId(options.userId);
  const { limit: _limit, offset: _offset, userId: _userId, filters, agentId, runId, ...fields } = options;
  const scope = checkScope({ agentId, runId });
  const own = parseFilter(fields, "list options");
  const extra = parseFilter(filters, "list filters");
  const includeHistorical = extra.includeHistorical ?? own.includeHistorical;
  const wheres = [own.where, extra.where].filter((w) => w !== undefined);
  const where = scopedWhere(scope, wheres.length > 1 ? { and: wheres } : wheres[0]);
  await purgeExpired(deps, userId, apiNow(deps));
  const all = await deps.memory.all({ userId, where, current: includeHistorical ? undefined : true, liveAt: apiNow(deps) });
  const offset = Math.max(0, options.offset ?? 0);
  const limit = Math.max(1, options.limit ?? DEFAULTS.listPageSize);
  const items = all.slice(offset, offset + limit);
  return { items, total: all.length, nextOffset: offset + items.length < all.length ? offset + items.length : null };
}
