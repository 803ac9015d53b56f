import type { Item, SearchItem, SearchOperation } from "@langchain/langgraph-checkpoint";
import type { MemoryRecord } from "../memory/types.js";
import type { MemoriaStoreApi } from "./memoria-store.js";
import type { StoreIndex, StoreKeyRow } from "./store-index.js";
import { isUnder, type UserNamespace } from "./store-namespace.js";
import { memoryToValue, storeFilter } from "./store-values.js";

const SCAN_LIMIT = 10_000;

/** What a store search reads: the memory API, the key index and the namespace root. */
export interface StoreSearchDeps {
  api: MemoriaStoreApi;
  index: StoreIndex;
  root: string;
}

/** The item of a memory under a key (a memory without a key is its own item, keyed by its id, in the user's namespace). */
export function memoryItem(root: string, userId: string, record: MemoryRecord, row?: StoreKeyRow): Item {
  return {
    namespace: [root, userId, ...(row?.sub ?? [])],
    key: row?.key ?? record.id,
    value: memoryToValue(record, row),
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  };
}

/** The item of a key put with `index: false` (kept in the key index only). */
export function unindexedItem(root: string, row: StoreKeyRow): Item {
  return {
    namespace: [root, row.userId, ...row.sub],
    key: row.key,
    value: row.extra,
    createdAt: new Date(row.createdAt ?? 0),
    updatedAt: new Date(row.updatedAt ?? 0),
  };
}

/**
 * Searches a user's items under a namespace prefix: with a query, memoria's hybrid search, best first with scores; without, every
 * memory item newest first. Items put with `index: false` follow, without a score (as in LangGraph's InMemoryStore). The filter applies to values.
 */
export async function searchItems(deps: StoreSearchDeps, at: UserNamespace, op: SearchOperation): Promise<SearchItem[]> {
  const { userId, sub: prefix } = at;
  const matches = storeFilter(op.filter);
  const offset = Math.max(0, op.offset ?? 0);
  const limit = Math.max(0, op.limit ?? 10);
  const query = op.query?.trim();
  const narrowed = op.filter !== undefined || prefix.length > 0;
  const records: (MemoryRecord & { score?: number })[] = query
    ? await deps.api.search(query, { userId, limit: narrowed ? SCAN_LIMIT : offset + limit })
    : (await deps.api.list({ userId, limit: SCAN_LIMIT })).items;
  const rows = deps.index.byMemory(
    userId,
    records.map((r) => r.id),
  );
  const items: SearchItem[] = records.flatMap((r) => {
    const keyed = rows.get(r.id) ?? [];
    const placed = keyed.length ? keyed.filter((row) => isUnder(row.sub, prefix)) : prefix.length ? [] : [undefined];
    return placed.map((row) => ({ ...memoryItem(deps.root, userId, r, row), score: r.score }));
  });
  items.push(
    ...deps.index
      .unindexed(userId)
      .filter((row) => isUnder(row.sub, prefix))
      .map((row) => ({ ...unindexedItem(deps.root, row), score: undefined })),
  );
  return items.filter((item) => matches(item.value)).slice(offset, offset + limit);
}
