import type { MemoryRecord } from "../../types.js";
import type { IndexSnapshot } from "./index-snapshot.js";
import type { LoadedUser } from "../loaded-user.js";
import type { UserIndex } from "../user-index.js";

/** The records and unit vectors of a fully built index with every vector held, taken now; undefined otherwise. */
export function snapshotOf(lexicon: UserIndex): Omit<IndexSnapshot, "userId" | "scope"> | undefined {
  if (!lexicon.vectorsComplete || !lexicon.lexicalReady) return undefined;
  const records: MemoryRecord[] = [];
  const vectors: Float32Array[] = [];
  for (const [record, vector] of lexicon.entries()) {
    records.push(record);
    vectors.push(vector!);
  }
  return { takenAt: Date.now(), records, vectors };
}

/** A snapshot with the rows changed since it was taken laid over it. */
export function withChanges(snapshot: IndexSnapshot, changes: LoadedUser | undefined): LoadedUser {
  if (!changes?.records.length) return snapshot;
  const at = new Map(snapshot.records.map((r, i) => [r.id, i]));
  const records = [...snapshot.records];
  const vectors: Array<ArrayLike<number> | undefined> = [...snapshot.vectors];
  changes.records.forEach((r, i) => {
    const slot = at.get(r.id) ?? records.length;
    records[slot] = r;
    vectors[slot] = changes.vectors?.[i];
  });
  return { records, vectors };
}
