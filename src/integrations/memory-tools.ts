import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import type { RunnableConfig } from "@langchain/core/runnables";
import { createMemoryActions, MEMORY_TOOL_SPECS, type MemoryActionOptions, type MemoryToolsApi } from "./memory-actions.js";
import { createManageMemoryTool, type ManageMemoryToolOptions } from "./manage-memory-tool.js";
import { userIdFromRunConfig } from "./run-user.js";

/** Options of createMemoryTools. */
export interface MemoryToolsOptions extends MemoryActionOptions {
  /** Which tools to create (default: all four). */
  include?: (keyof typeof MEMORY_TOOL_SPECS)[];
  /** Instead of the four tools, one LangMem-style manage_memory tool with these options (e.g. `{ actionsPermitted: ["create"] }`). */
  manage?: Omit<ManageMemoryToolOptions, keyof MemoryActionOptions>;
}

const threadOf = (config: RunnableConfig | undefined): string | undefined => {
  const id = config?.configurable?.thread_id;
  return typeof id === "string" && id ? id : undefined;
};

/** save_memory, search_memory, update_memory and forget_memory as LangChain tools; the user always comes from the run's context or configurable, never from the model. */
export function createMemoryTools(api: MemoryToolsApi, options: MemoryToolsOptions = {}): StructuredToolInterface[] {
  if (options.manage) return [createManageMemoryTool(api, { ...options, ...options.manage })];
  const actions = createMemoryActions(api, options);
  const names = options.include ?? (Object.keys(MEMORY_TOOL_SPECS) as (keyof typeof MEMORY_TOOL_SPECS)[]);
  return names.map((name) => {
    const spec = MEMORY_TOOL_SPECS[name];
    return tool(
      async (args: unknown, config?: RunnableConfig) => {
        const scope = { userId: userIdFromRunConfig(config), threadId: threadOf(config) };
        return JSON.stringify(await actions[spec.action](scope, args));
      },
      { name, description: spec.description, schema: spec.schema },
    ) as unknown as StructuredToolInterface;
  });
}
