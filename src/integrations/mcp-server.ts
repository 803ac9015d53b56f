import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { createMemoryActions, MEMORY_TOOL_SPECS, type MemoryActionOptions, type MemoryToolsApi } from "./memory-actions.js";
import { checkUserId } from "./run-user.js";

/** Options of createMemoriaMcpServer. */
export interface MemoriaMcpServerOptions extends MemoryActionOptions {
  /** The one user every tool call acts for (from a flag or MEMORIA_USER, never from tool arguments). */
  userId: string;
  version?: string;
}

const text = (value: unknown, isError = false): CallToolResult => ({
  content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value) }],
  ...(isError ? { isError } : {}),
});

/** An MCP server with save_memory, search_memory, update_memory and forget_memory for one user; connect it to a transport. */
export function createMemoriaMcpServer(api: MemoryToolsApi, options: MemoriaMcpServerOptions): McpServer {
  const scope = { userId: checkUserId(options.userId, "the MCP server options") };
  const actions = createMemoryActions(api, options);
  const server = new McpServer({ name: "memoria", version: options.version ?? "0.1.0" });
  for (const [name, spec] of Object.entries(MEMORY_TOOL_SPECS)) {
    server.registerTool(name, { description: spec.description, inputSchema: spec.schema.shape }, async (args: unknown) => {
      try {
        return text(await actions[spec.action](scope, args));
      } catch (error) {
        return text((error as Error).message, true);
      }
    });
  }
  return server;
}
