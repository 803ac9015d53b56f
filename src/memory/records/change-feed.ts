import type { MemoryRecord } from "../types.js";

/** What a subscriber hears about committed changes to the memory rows; every hook is optional. */
export interface RecordChangeListener {
  /** Rows stored or changed, with their vectors when the write had them. */
  upserted?(records: MemoryRecord[], vectors?: ArrayLike<number>[]): void;
  /** Rows deleted by id. */
  removed?(ids: string[]): void;
  /** A user's rows may differ from what was published (a failed write, or the user was deleted): forget what is derived from them. */
  invalidated?(userId: string): void;
  /** A user's rows are about to be deleted; the returned function is called once the deletion is done. */
  deleting?(userId: string): Promise<() => void>;
}

/** Publishes committed changes of the system of record to the derived layers that subscribed. */
export class RecordChangeFeed {
  private readonly listeners = new Set<RecordChangeListener>();

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: RecordChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publishes stored or changed rows. */
  upserted(records: MemoryRecord[], vectors?: ArrayLike<number>[]): void {
    for (const l of this.listeners) l.upserted?.(records, vectors);
  }

  /** Publishes deleted ids. */
  removed(ids: string[]): void {
    for (const l of this.listeners) l.removed?.(ids);
  }

  /** Publishes that a user's derived state must be rebuilt. */
  invalidated(userId: string): void {
    for (const l of this.listeners) l.invalidated?.(userId);
  }

  /** Announces a user's deletion to every listener and waits for them; the returned function tells them it is done. */
  async deleting(userId: string): Promise<() => void> {
    const done: Array<() => void> = [];
    for (const l of this.listeners) if (l.deleting) done.push(await l.deleting(userId));
    return () => done.forEach((d) => d());
  }
}
