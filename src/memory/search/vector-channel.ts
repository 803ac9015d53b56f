import type { MemoryFilter } from "../types.js";
import type { NearMemory } from "../store/chroma/memory-rows.js";
import type { SearchRows } from "./indexed-rows.js";
import type { UserLexicon } from "./user-lexicon.js";

/** The vector neighbours of a query and the similarities already known (every filtered memory when scored exactly). */
export interface VectorChannel {
  near: NearMemory[];
  known: Map<string, number>;
}

/**
 * Vector neighbours from Chroma. With the user's lexicon loaded and at most `exactLimit` memories passing the filter, one Chroma
 * query restricted to those ids scores all of them (cheaper than a metadata-filtered query plus a second call for lexical hits);
 * otherwise a filtered nearest-neighbour query of `depth` ids, with records taken from the lexicon.
 */
export async function vectorChannel(
  rows: SearchRows,
  lexicon: UserLexicon,
  vector: number[],
  filter: MemoryFilter,
  depth: number,
  exactLimit: number,
): Promise<VectorChannel> {
  const allowed = lexicon.ids(filter, exactLimit + 1);
  if (allowed.length <= exactLimit) {
    const known = await rows.similarities(vector, allowed);
    const near = [...known].slice(0, depth).flatMap(([id, similarity]) => {
      const record = lexicon.get(id);
      return record ? [{ record, similarity }] : [];
    });
    return { near, known };
  }
  const hits = await rows.nearestIds(vector, filter, depth);
  const missing = hits.filter((h) => !lexicon.has(h.id)).map((h) => h.id);
  const fetched = new Map((await rows.byIds(missing)).map((r) => [r.id, r]));
  const near = hits.flatMap((h) => {
    const record = lexicon.get(h.id) ?? fetched.get(h.id);
    return record ? [{ record, similarity: h.similarity }] : [];
  });
  return { near, known: new Map(near.map((n) => [n.record.id, n.similarity])) };
}
