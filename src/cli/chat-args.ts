import { parseArgs } from "node:util";
import { InvalidInputError } from "../config/errors.js";
import { TIERS, type Tier } from "../graph/tiers.js";

/** What the chat REPL was asked to do on its command line. */
export interface ChatArgs {
  userId: string;
  tier: Tier;
  threadId?: string;
  resume: boolean;
  profile?: string;
  help: boolean;
}

/** Usage text for `memoria` / `npm run chat`. */
export const CHAT_USAGE = `Usage: memoria [--user <id>] [--tier F|D|C|B|A] [--thread <id> | --resume] [--profile <text>]
       memoria mcp [--user <id>]   the MCP server on stdio (memoria mcp --help)

  --user, -u     who you are (default: "me"); memories are kept per user
  --tier, -t     personalization tier (default: A)
  --thread       continue this thread id
  --resume, -r   continue the last thread of this user
  --profile      static profile text for tier D
  --help, -h     show this help

Needs MEMORIA_CHAT_MODEL (see README). Type /help inside the chat for commands.`;

/** Parses a tier letter case-insensitively; throws InvalidInputError naming the valid ones. */
export function parseTier(raw: string): Tier {
  const tier = raw.trim().toUpperCase();
  if (!(TIERS as readonly string[]).includes(tier)) throw new InvalidInputError(`Unknown tier "${raw}". Use one of ${TIERS.join(", ")}.`);
  return tier as Tier;
}

/** Parses the REPL's command-line arguments; throws InvalidInputError on anything unknown. */
export function parseChatArgs(argv: string[]): ChatArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        user: { type: "string", short: "u" },
        tier: { type: "string", short: "t" },
        thread: { type: "string" },
        resume: { type: "boolean", short: "r", default: false },
        profile: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InvalidInputError(`${(error as Error).message}\n\n${CHAT_USAGE}`);
  }
  if (values.thread && values.resume) throw new InvalidInputError("Use either --thread or --resume, not both.");
  const userId = (values.user ?? "me").trim();
  if (!userId) throw new InvalidInputError("--user must not be empty.");
  return {
    userId,
    tier: parseTier(values.tier ?? "A"),
    threadId: values.thread,
    resume: values.resume,
    profile: values.profile,
    help: values.help,
  };
}
