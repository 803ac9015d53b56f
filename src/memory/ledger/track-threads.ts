import { IterableReadableStream } from "@langchain/core/utils/stream";
import type { ThreadRegistry } from "./thread-registry.js";
import type { UserRuns } from "./user-runs.js";

interface Streamable {
  stream(input: unknown, options?: unknown): Promise<AsyncIterable<unknown>>;
}

/** Where runs are checked and counted: the thread registry and, optionally, the users' runs in flight. */
export interface ThreadTracking {
  threads: Pick<ThreadRegistry, "register">;
  runs?: UserRuns;
}

const field = (source: unknown, key: string): string | undefined => {
  const value = (source as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

/**
 * Makes every run of a compiled graph (invoke, stream and streamEvents all go through stream) claim its thread for the user
 * before any state is read (ThreadOwnershipError when another user owns it), and count as the user's run in flight until its
 * stream ends, so deleteUser waits for it. The tracking may be given lazily (opened on the first run).
 */
export function trackThreads<G>(
  graph: G,
  tracking: ThreadTracking | (() => Promise<ThreadTracking>),
  clock: () => Date = () => new Date(),
): G {
  const target = graph as unknown as Streamable;
  const stream = target.stream.bind(target);
  const resolve = typeof tracking === "function" ? tracking : () => Promise.resolve(tracking);
  target.stream = async (input, options) => {
    const o = options as { context?: unknown; configurable?: unknown } | undefined;
    const userId = field(o?.context, "userId") ?? field(o?.configurable, "userId");
    const threadId = field(o?.configurable, "thread_id");
    if (!userId) return stream(input, options);
    const { threads, runs } = await resolve();
    const end = (await runs?.begin(userId)) ?? (() => {});
    try {
      if (threadId) await threads.register(userId, threadId, clock().toISOString());
      const inner = await stream(input, options);
      async function* tracked() {
        try {
          yield* inner;
        } finally {
          end();
        }
      }
      return IterableReadableStream.fromAsyncGenerator(tracked());
    } catch (error) {
      end();
      throw error;
    }
  };
  return graph;
}
