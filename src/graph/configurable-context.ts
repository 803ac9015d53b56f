import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { runContextInput } from "./context.js";

/**
 * The run options with the context keys found in `configurable` copied into `context`; options without any are returned as given.
 * A key given in both with different values is an InvalidContextError.
 */
export function withConfigurableContext(options: unknown): unknown {
  const config = options as LangGraphRunnableConfig | undefined;
  const context = runContextInput(config);
  const given = typeof config?.context === "object" && config.context !== null ? Object.keys(config.context).length : 0;
  if (Object.keys(context).length === given) return options;
  return { ...config, context: { ...(config?.context as object | undefined), ...context } };
}
