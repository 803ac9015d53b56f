import { parseArgs } from "node:util";
import { InvalidInputError } from "../config/errors.js";

/** Usage text for `memoria mcp`. */
export const MCP_USAGE = `Usage: memoria mcp [--user <id>]

Serves memoria's memory tools (save_memory, search_memory, update_memory, forget_memory) over MCP on stdio.
  --user, -u   whose memory the tools use (default: MEMORIA_USER); tool arguments never choose the user
  --help, -h   show this help

With MEMORIA_CHAT_MODEL, saves are extracted and reconciled like chat turns; without one they are stored as given.
Data goes to MEMORIA_DATA_DIR (default ./.memoria, relative to where the client starts the server): give each client
an absolute MEMORIA_DATA_DIR of its own, or point every client at one Chroma server with CHROMA_URL.`;

/** Parses `memoria mcp` arguments; the flag wins over MEMORIA_USER. */
export function parseMcpArgs(argv: string[], envUser: string | undefined): { userId: string; help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { user: { type: "string", short: "u" }, help: { type: "boolean", short: "h", default: false } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}\n\n${MCP_USAGE}`);
  }
  const userId = (values.user ?? envUser ?? "").trim();
  if (!userId && !values.help)
    throw new InvalidInputError(`memoria mcp needs a user: pass --user <id> or set MEMORIA_USER.\n\n${MCP_USAGE}`);
  return { userId, help: values.help };
}
