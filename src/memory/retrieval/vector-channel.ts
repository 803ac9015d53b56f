import type { MemoryFilter } from "../types.js";
import type { NearMemory } from "../records/chroma/memory-rows.js";
import type { SearchRows } from "../records/indexed-rows.js";
import type { UserIndex } from "../index/user-index.js";
import { unitVector } from "../index/vector/vector-table.js";
import { filterPredicate, matchesFilter } from "../filters/match-filter.js";

/** The vector neighbours of a query, and the similarity of any other memory when it is already known. */
export interface VectorChannel {
  near: NearMemory[];
  similarity(id: string): number | undefined;
}

/**
 * Vector neighbours of a query. With every vector of the user in the loaded index, they are scored exactly in process. Otherwise
 * from Chroma: with at most `exactLimit` memories passing the filter, one query restricted to their ids scores them all;
 * beyond that, a filtered nearest-neighbour query of `depth` ids, with records taken from the index.
 */
export async function vectorChannel(
  rows: SearchRows,
  lexicon: UserIndex,
  vector: number[],
  filter: MemoryFilter,
  depth: number,
  exactLimit: number,
): Promise<VectorChannel> {
  if (lexicon.vectorsComplete) {
    const query = unitVector(vector);
    const matches = filterPredicate(filter);
    const near = lexicon.vectors
      .nearest(
        query,
        (id) => {
          const record = lexicon.get(id);
          return record !== undefined && matches(record);
        },
        depth,
      )
      .map((h) => ({ record: lexicon.get(h.id)!, similarity: h.similarity }));
    return { near, similarity: (id) => lexicon.vectors.similarity(query, id) };
  }
  const allowed = lexicon.ids(filter, exactLimit + 1);
  if (allowed.length <= exactLimit) {
    const known = await rows.similarities(vector, allowed);
    const near = [...known].slice(0, depth).flatMap(([id, similarity]) => {
      const record = lexicon.get(id);
      return record ? [{ record, similarity }] : [];
    });
    return { near, similarity: (id) => known.get(id) };
  }
  const hits = await rows.nearestIds(vector, filter, depth);
  const missing = hits.filter((h) => !lexicon.has(h.id)).map((h) => h.id);
  const fetched = new Map((await rows.byIds(missing)).map((r) => [r.id, r]));
  const near = hits.flatMap((h) => {
    const record = lexicon.get(h.id) ?? fetched.get(h.id);
    return record && (!(filter.where || filter.liveAt) || matchesFilter(record, filter)) ? [{ record, similarity: h.similarity }] : [];
  });
  const known = new Map(near.map((n) => [n.record.id, n.similarity]));
  return { near, similarity: (id) => known.get(id) };
}
