import { KeyedLock } from "../memory/keyed-lock.js";

interface Streamable {
  stream(input: unknown, options?: unknown): Promise<AsyncIterable<unknown>>;
}

const threadOf = (options: unknown): string | undefined => {
  const id = (options as { configurable?: { thread_id?: unknown } } | undefined)?.configurable?.thread_id;
  return typeof id === "string" && id.length > 0 ? id : undefined;
};

/** Waits for the thread's turn; resolves with the function that hands the thread to the next run. */
function acquire(lock: KeyedLock, key: string): Promise<() => void> {
  return new Promise((granted) => void lock.run(key, () => new Promise<void>((release) => granted(() => release()))));
}

/** Makes the stream's iterator call `release` once, when iteration ends, fails, or is abandoned with return(). */
function releaseWhenDone(stream: AsyncIterable<unknown>, release: () => void): void {
  const iterate = stream[Symbol.asyncIterator].bind(stream);
  stream[Symbol.asyncIterator] = () => {
    const inner = iterate();
    const finish = <T>(value: T): T => (release(), value);
    return {
      next: (...args) =>
        inner.next(...args).then(
          (r) => (r.done ? finish(r) : r),
          (e: unknown) => finish(Promise.reject(e as Error)),
        ),
      return: (value?: unknown) => finish(inner.return?.(value) ?? Promise.resolve({ done: true as const, value })),
      throw: (error?: unknown) => finish(inner.throw?.(error) ?? Promise.reject(error as Error)),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };
}

/**
 * Runs turns on one thread one at a time in this process (invoke and stream both go through stream): a run waits until
 * the previous run on the same thread_id has been fully consumed, so concurrent turns are queued, never lost.
 * Runs without a thread_id are not serialized. Other processes on the same checkpointer are not covered.
 */
export function serializeThreadTurns<G>(graph: G): G {
  const target = graph as unknown as Streamable;
  const stream = target.stream.bind(target);
  const lock = new KeyedLock();
  target.stream = async (input, options) => {
    const threadId = threadOf(options);
    if (!threadId) return stream(input, options);
    const release = once(await acquire(lock, threadId));
    try {
      const result = await stream(input, options);
      releaseWhenDone(result, release);
      return result;
    } catch (error) {
      release();
      throw error;
    }
  };
  return graph;
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
