import type { MemoryRecord } from "../types.js";

/** What loading a user's index reads from the store: every memory of the user, and their vectors when the store returns them. */
export interface LoadedUser {
  records: MemoryRecord[];
  vectors?: ReadonlyArray<ArrayLike<number> | undefined>;
}
