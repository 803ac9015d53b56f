import { RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import { IterableReadableStream } from "@langchain/core/utils/stream";
import type { RunnableConfig } from "@langchain/core/runnables";
import { NODES } from "./routes.js";
import { checkTurnInput } from "./turn-input.js";

interface Snapshot {
  values: Record<string, unknown>;
}

interface Guardable {
  checkpointer?: unknown;
  stream(input: unknown, options?: unknown): Promise<AsyncIterable<unknown>>;
  getState(config: RunnableConfig): Promise<Snapshot>;
  updateState(config: RunnableConfig, values: Record<string, unknown>, asNode?: string): Promise<unknown>;
}

const threadOf = (options: unknown): RunnableConfig | undefined => {
  const configurable = (options as { configurable?: Record<string, unknown> } | undefined)?.configurable;
  const threadId = configurable?.thread_id;
  if (typeof threadId !== "string" || !threadId) return undefined;
  const ns = configurable?.checkpoint_ns;
  return { configurable: { thread_id: threadId, ...(typeof ns === "string" ? { checkpoint_ns: ns } : {}) } };
};

const messagesOf = (snapshot: Snapshot): BaseMessage[] => (snapshot.values.messages as BaseMessage[] | undefined) ?? [];

/** Puts a thread back as it was before a failed run: the run's messages are removed and the per-turn state restored. */
async function rollback(graph: Guardable, thread: RunnableConfig, before: Snapshot): Promise<void> {
  const kept = new Set(messagesOf(before).map((m) => m.id));
  const added = messagesOf(await graph.getState(thread)).filter((m) => m.id && !kept.has(m.id));
  const v = before.values;
  await graph.updateState(
    thread,
    {
      messages: added.map((m) => new RemoveMessage({ id: m.id! })),
      summary: v.summary ?? "",
      memories: v.memories ?? [],
      entities: v.entities ?? [],
      userProfile: v.userProfile ?? "",
    },
    NODES.summarize,
  );
}

async function* guarded(inner: AsyncIterable<unknown>, onError: () => Promise<void>): AsyncGenerator<unknown> {
  try {
    yield* inner;
  } catch (error) {
    await onError().catch(() => undefined);
    throw error;
  }
}

/**
 * Makes a compiled graph check each run's input messages before it starts (text or text parts only), and restore the thread when a run
 * fails (model error, storage outage, a message over the limit): the user message of a failed turn never stays in the thread.
 */
export function guardTurns<G>(graph: G): G {
  const target = graph as unknown as Guardable;
  const stream = target.stream.bind(target);
  target.stream = async (input, options) => {
    checkTurnInput(input);
    const thread = threadOf(options);
    if (!thread || !target.checkpointer) return stream(input, options);
    const before = await target.getState(thread);
    const undo = () => rollback(target, thread, before);
    let inner: AsyncIterable<unknown>;
    try {
      inner = await stream(input, options);
    } catch (error) {
      await undo().catch(() => undefined);
      throw error;
    }
    return IterableReadableStream.fromAsyncGenerator(guarded(inner, undo));
  };
  return graph;
}
