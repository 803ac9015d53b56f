import type { ThreadRegistry } from "./thread-registry.js";

interface Streamable {
  stream(input: unknown, options?: unknown): Promise<unknown>;
}

const field = (source: unknown, key: string): string | undefined => {
  const value = (source as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
};

/** Makes a compiled graph record (user, thread) in the registry whenever a run starts (invoke and stream both go through stream). */
export function trackThreads<G>(graph: G, threads: ThreadRegistry, clock: () => Date = () => new Date()): G {
  const target = graph as unknown as Streamable;
  const stream = target.stream.bind(target);
  target.stream = (input, options) => {
    const o = options as { context?: unknown; configurable?: unknown } | undefined;
    const userId = field(o?.context, "userId") ?? field(o?.configurable, "userId");
    const threadId = field(o?.configurable, "thread_id");
    if (userId && threadId) threads.register(userId, threadId, clock().toISOString());
    return stream(input, options);
  };
  return graph;
}
