import type { RunnableConfig } from "@langchain/core/runnables";
import { IterableReadableStream } from "@langchain/core/utils/stream";
import { KeyedLock } from "../memory/keyed-lock.js";
import type { ThreadRegistry } from "../memory/ledger/thread-registry.js";
import type { UserRuns } from "../memory/ledger/user-runs.js";
import { withConfigurableContext } from "./configurable-context.js";
import { interceptRuns, type RunStream } from "./langgraph-internals.js";
import { rollbackTurn, type ThreadState } from "./rollback-turn.js";
import { checkTurnInput } from "./turn-input.js";

/** Where runs are checked and counted: the thread registry and, optionally, the users' runs in flight. */
export interface ThreadTracking {
  threads: Pick<ThreadRegistry, "register">;
  runs?: UserRuns;
}

/** What wrapGraph needs besides the graph. */
export interface WrapGraphOptions {
  /** The registry and runs in flight, or a function that opens them on the first run. */
  tracking: ThreadTracking | (() => Promise<ThreadTracking>);
  clock?: () => Date;
  /** When set, every run fails with this error before anything is read (a server that cannot run, such as one without a chat model). */
  refuse?: Error;
}

type Options = { context?: unknown; configurable?: Record<string, unknown> } | undefined;

const field = (source: unknown, key: string): string | undefined => {
  const value = (source as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

/** The checkpoint address of the run's thread, for reading and restoring its state. */
function threadConfig(options: Options, threadId: string): RunnableConfig {
  const ns = options?.configurable?.checkpoint_ns;
  return { configurable: { thread_id: threadId, ...(typeof ns === "string" ? { checkpoint_ns: ns } : {}) } };
}

/** Waits for the thread's turn; resolves with the function that hands the thread to the next run. */
function acquire(lock: KeyedLock, key: string): Promise<() => void> {
  return new Promise((granted) => void lock.run(key, () => new Promise<void>((release) => granted(() => release()))));
}

/** Runs the cleanups once, last registered first. */
function finisher(): { add(fn: () => void): void; finish(): void } {
  const steps: (() => void)[] = [];
  let done = false;
  return {
    add: (fn) => void steps.push(fn),
    finish: () => {
      if (done) return;
      done = true;
      for (const step of steps.reverse()) step();
    },
  };
}

async function* finishing(inner: AsyncIterable<unknown>, undo: (() => Promise<void>) | undefined, finish: () => void) {
  try {
    yield* inner;
  } catch (error) {
    await undo?.().catch(() => undefined);
    throw error;
  } finally {
    finish();
  }
}

/**
 * Makes every run of a compiled graph (invoke, stream and streamEvents) go through one wrapper, in this order: `configurable`
 * context keys are read into `context` (InvalidContextError on a conflict); the input messages are checked (text or text parts);
 * the run waits for earlier runs on its thread_id in this process; it claims the thread for its user (ThreadOwnershipError when
 * another user owns it) and counts as the user's run in flight, so deleteUser waits for it; and when it fails, the thread is put
 * back as it was (with a checkpointer): the user message of a failed turn never stays in the thread. Returns the graph.
 */
export function wrapGraph<G extends object>(graph: G, options: WrapGraphOptions): G {
  const target = graph as unknown as ThreadState & { checkpointer?: unknown };
  const { tracking, clock = () => new Date(), refuse } = options;
  const resolve = typeof tracking === "function" ? tracking : () => Promise.resolve(tracking);
  const lock = new KeyedLock();
  interceptRuns(graph, (stream: RunStream): RunStream => async (input, given) => {
    if (refuse) throw refuse;
    const runOptions = withConfigurableContext(given) as Options;
    checkTurnInput(input);
    const userId = field(runOptions?.context, "userId") ?? field(runOptions?.configurable, "userId");
    const threadId = field(runOptions?.configurable, "thread_id");
    const end = finisher();
    let undo: (() => Promise<void>) | undefined;
    try {
      if (threadId) end.add(await acquire(lock, threadId));
      if (userId) {
        const { threads, runs } = await resolve();
        if (runs) end.add(await runs.begin(userId));
        if (threadId) await threads.register(userId, threadId, clock().toISOString());
      }
      if (threadId && target.checkpointer) {
        const thread = threadConfig(runOptions, threadId);
        const before = await target.getState(thread);
        undo = () => rollbackTurn(target, thread, before);
      }
      const inner = await stream(input, runOptions);
      return IterableReadableStream.fromAsyncGenerator(finishing(inner, undo, end.finish));
    } catch (error) {
      await undo?.().catch(() => undefined);
      end.finish();
      throw error;
    }
  });
  return graph;
}
