/** Runs async work one at a time per key (for example per user), in call order. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs fn after every earlier call with the same key has settled. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
