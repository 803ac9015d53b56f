import type { UserIndex } from "./user-index.js";

/** Rows a loading user must have shown before a search stops waiting for the index (smaller users are always waited for). */
const LARGE_USER_ROWS = 5_000;

/** How far a load in progress got: rows read from the store, and the index once its vectors are in (before BM25 is). */
export class LoadProgress {
  rows = 0;
  private reached?: () => void;
  private vectorsIn?: (partial: UserIndex) => void;
  /** Settles once the rows read reach LARGE_USER_ROWS. */
  readonly large = new Promise<void>((resolve) => (this.reached = resolve));
  /** Settles with a large user's index as soon as it can answer vector queries in process. */
  readonly vectors = new Promise<UserIndex>((resolve) => (this.vectorsIn = resolve));

  /** Counts rows read. */
  add(rows: number): void {
    this.rows += rows;
    if (this.rows >= LARGE_USER_ROWS) this.reached?.();
  }

  /** Hands over the index whose records and vectors are in; `vectors` settles with it only for a large user. */
  partial(lexicon: UserIndex): void {
    if (lexicon.size >= LARGE_USER_ROWS) this.vectorsIn?.(lexicon);
  }
}
