/** Per-user bookkeeping of runs in flight, so deleting a user waits for them and holds new ones until it is done. */
export class UserRuns {
  private readonly running = new Map<string, Set<Promise<void>>>();
  private readonly deleting = new Map<string, Promise<unknown>>();

  /** Waits while the user is being deleted, then marks a run as started; call the returned function when it ends. */
  async begin(userId: string): Promise<() => void> {
    for (let pending = this.deleting.get(userId); pending; pending = this.deleting.get(userId)) await pending.catch(() => undefined);
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    const runs = this.running.get(userId) ?? new Set<Promise<void>>();
    runs.add(done);
    this.running.set(userId, runs);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      runs.delete(done);
      if (runs.size === 0 && this.running.get(userId) === runs) this.running.delete(userId);
      end();
    };
  }

  /** Holds new runs of the user, waits for the running ones to end, then runs fn (one deletion at a time per user). */
  exclusive<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.deleting.get(userId) ?? Promise.resolve();
    const task = previous
      .catch(() => undefined)
      .then(async () => {
        for (let runs = this.running.get(userId); runs?.size; runs = this.running.get(userId)) await Promise.all([...runs]);
        return fn();
      });
    this.deleting.set(userId, task);
    void task.then(
      () => this.release(userId, task),
      () => this.release(userId, task),
    );
    return task;
  }

  private release(userId: string, task: Promise<unknown>): void {
    if (this.deleting.get(userId) === task) this.deleting.delete(userId);
  }
}
