import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { runContextInput } from "./context.js";

interface Streamable {
  stream(input: unknown, options?: unknown): Promise<AsyncIterable<unknown>>;
}

/** The run options with the context keys found in `configurable` copied into `context`; options without any are returned as given. */
export function withConfigurableContext(options: unknown): unknown {
  const config = options as LangGraphRunnableConfig | undefined;
  const context = runContextInput(config);
  const given = typeof config?.context === "object" && config.context !== null ? Object.keys(config.context).length : 0;
  if (Object.keys(context).length === given) return options;
  return { ...config, context: { ...(config?.context as object | undefined), ...context } };
}

/**
 * Makes every run of a compiled graph (invoke, stream and streamEvents all go through stream) carry its user and tier in `context`
 * when a client gave them in `configurable`, before LangGraph checks the context and before the run is tracked; a key given in both
 * with different values fails the run with InvalidContextError.
 */
export function contextFromConfigurable<G>(graph: G): G {
  const target = graph as unknown as Streamable;
  const stream = target.stream.bind(target);
  target.stream = async (input, options) => stream(input, withConfigurableContext(options));
  return graph;
}
