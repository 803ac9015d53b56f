import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import type { RunnableConfig } from "@langchain/core/runnables";
import { z } from "zod";
import { InvalidInputError } from "../config/errors.js";
import { FIELD_LIMITS } from "../memory/field-limits.js";
import { createMemoryActions, type ActionScope, type MemoryActionOptions, type MemoryToolsApi } from "./memory-actions.js";
import { userIdFromRunConfig } from "./run-user.js";

/** What manage_memory may do, as LangMem's `actions_permitted` names it. */
export const MANAGE_ACTIONS = ["create", "update", "delete"] as const;
/** One action of manage_memory. */
export type ManageAction = (typeof MANAGE_ACTIONS)[number];

/** Options of createManageMemoryTool: LangMem's create_manage_memory_tool options, plus the memory actions'. */
export interface ManageMemoryToolOptions extends MemoryActionOptions {
  /** Actions the model may take (default all three); the schema lists only these, and any other is refused. */
  actionsPermitted?: readonly ManageAction[];
  /** The developer's guidance on what to remember, appended to the tool description. */
  instructions?: string;
  /** Tool name (default "manage_memory"). */
  name?: string;
}

const DESCRIPTION =
  "Create, update or delete a memory about the user, to persist across conversations. Create for new facts, preferences or tasks; " +
  "update with the id of a memory that needs correcting; delete with the id of a memory that is no longer true.";

/** The arguments schema of manage_memory for the permitted actions; limits are the API's (FIELD_LIMITS). */
export function manageMemoryArgs(actions: readonly ManageAction[]) {
  return z.object({
    action: z.enum(actions as [ManageAction, ...ManageAction[]]).describe(`One of: ${actions.join(", ")}.`),
    content: z.string().trim().min(1).max(FIELD_LIMITS.content).optional().describe("The memory's text (create and update)."),
    id: z.string().trim().min(1).max(FIELD_LIMITS.sourceId).optional().describe("Id of the memory to update or delete."),
  });
}

/** One LangMem-style manage_memory tool (create / update / delete, limited to actionsPermitted); the user comes from the run. */
export function createManageMemoryTool(api: MemoryToolsApi, options: ManageMemoryToolOptions = {}): StructuredToolInterface {
  const permitted = options.actionsPermitted ?? MANAGE_ACTIONS;
  const unknown = permitted.filter((a) => !MANAGE_ACTIONS.includes(a));
  if (!permitted.length || unknown.length)
    throw new InvalidInputError(`actionsPermitted must list some of ${MANAGE_ACTIONS.join(", ")}; got ${JSON.stringify(permitted)}.`);
  const schema = manageMemoryArgs(permitted);
  const actions = createMemoryActions(api, options);
  const run = async (scope: ActionScope, args: z.output<typeof schema>) => {
    if (!permitted.includes(args.action))
      throw new InvalidInputError(`manage_memory may not ${args.action} (allowed: ${permitted.join(", ")}).`);
    if (args.action !== "delete" && !args.content) throw new InvalidInputError(`manage_memory ${args.action} needs content.`);
    if (args.action !== "create" && !args.id) throw new InvalidInputError(`manage_memory ${args.action} needs the memory's id.`);
    if (args.action === "create") return actions.save(scope, { content: args.content });
    if (args.action === "update") return actions.update(scope, { memoryId: args.id, content: args.content });
    return actions.forget(scope, { memoryId: args.id });
  };
  const guidance = options.instructions?.trim() ? `\n\nInstructions: ${options.instructions.trim()}` : "";
  return tool(
    async (raw: unknown, config?: RunnableConfig) => {
      const thread = config?.configurable?.thread_id;
      const scope = { userId: userIdFromRunConfig(config), threadId: typeof thread === "string" && thread ? thread : undefined };
      return JSON.stringify(await run(scope, schema.parse(raw)));
    },
    { name: options.name ?? "manage_memory", description: DESCRIPTION + guidance, schema },
  ) as unknown as StructuredToolInterface;
}
