import { resolve } from "node:path";
import { InvalidInputError } from "../config/errors.js";
import { TIER_DESCRIPTIONS, TIERS } from "../graph/tiers.js";
import { renderEntity } from "../memory/entity-merge.js";
import { parseTier } from "./chat-args.js";
import type { ChatSession } from "./chat-session.js";
import { clip } from "./forget-memory.js";
import type { MemoryOps } from "./memory-ops.js";

/** What a slash command can reach: the session, the memory operations, and the terminal. */
export interface CommandContext {
  session: ChatSession;
  ops: MemoryOps;
  print: (line: string) => void;
}

/** A slash command's result: "exit" ends the REPL. */
export type CommandResult = "exit" | void;

interface Command {
  usage: string;
  help: string;
  run: (arg: string, ctx: CommandContext) => Promise<CommandResult> | CommandResult;
}

const short = (id: string) => id.slice(0, 8);

const COMMANDS: Record<string, Command> = {
  memories: {
    usage: "/memories [query]",
    help: "list your long-term memories, or search them (with scores)",
    async run(arg, { session, ops, print }) {
      if (arg) {
        const found = await ops.search(session.userId, arg);
        if (!found.length) return print(`No memories match "${arg}".`);
        for (const m of found) print(`  ${m.score.toFixed(2)}  [${short(m.id)}] ${m.content}  (${m.why})`);
        return;
      }
      const [all, pending] = await Promise.all([ops.list(session.userId), ops.pendingExtractions(session.userId)]);
      const jobs = `${pending} extraction job${pending === 1 ? "" : "s"} still pending`;
      if (!all.length) {
        return print(`No long-term memories yet (${pending ? `${jobs}; try again in a moment` : "tier A learns them as you chat"}).`);
      }
      for (const m of all) print(`  [${short(m.id)}] ${m.content}  (${m.type}, ${m.category}, importance ${m.importance})`);
      if (pending) print(`(${jobs}; more may appear in a moment)`);
    },
  },
  entities: {
    usage: "/entities",
    help: "list the people, places and things memoria knows about",
    async run(_arg, { session, ops, print }) {
      const all = await ops.entities(session.userId);
      if (!all.length) return print("No entities yet (tiers B and A learn them as you chat).");
      for (const e of all) print(`  [${short(e.id)}] ${renderEntity(e)}`);
    },
  },
  profile: {
    usage: "/profile",
    help: "show the profile built from your memories (and the static one, if given)",
    async run(_arg, { session, ops, print }) {
      if (session.profile) print(`Static profile (tier D):\n${session.profile}`);
      const learned = await ops.profile(session.userId);
      print(learned ? `Learned profile:\n${learned}` : "No learned profile yet.");
    },
  },
  forget: {
    usage: "/forget <id|text> | /forget entity <name>",
    help: "delete a memory by the id shown in /memories, or by text only it contains; or an entity by name",
    async run(arg, { session, ops, print }) {
      if (!arg) throw new InvalidInputError("Usage: /forget <id|text> | /forget entity <name>");
      const entity = /^entity\s+(.+)$/i.exec(arg)?.[1];
      if (entity) {
        const gone = await ops.forgetEntity(session.userId, entity);
        print(gone ? `Forgot entity ${gone.name} (${gone.kind})` : `No entity matches "${entity}".`);
        return;
      }
      const outcome = await ops.forget(session.userId, arg);
      if (outcome.forgot) return print(`Forgot [${short(outcome.id)}] ${outcome.text}`);
      if (!outcome.closest.length) return print(`No memory contains "${arg}"; nothing was deleted.`);
      print(`No memory contains "${arg}"; nothing was deleted. Closest:`);
      for (const m of outcome.closest) print(`  [${short(m.id)}] ${clip(m.content)}`);
      print("Use /forget <id> to delete one of them.");
    },
  },
  export: {
    usage: "/export <file>",
    help: "write your memories and entities to a JSON file",
    async run(arg, { session, ops, print }) {
      if (!arg) throw new InvalidInputError("Usage: /export <file>");
      const n = await ops.exportTo(session.userId, resolve(arg));
      print(`Exported ${n.memories} memories, ${n.entities} entities and ${n.history} history events to ${arg}`);
    },
  },
  import: {
    usage: "/import <file>",
    help: "load memories and entities from a /export file into your memory",
    async run(arg, { session, ops, print }) {
      if (!arg) throw new InvalidInputError("Usage: /import <file>");
      const n = await ops.importFrom(session.userId, resolve(arg));
      print(`Imported ${n.memories} memories, ${n.entities} entities and ${n.history} history events from ${arg}`);
    },
  },
  tier: {
    usage: "/tier <F|D|C|B|A>",
    help: "switch personalization tier (same thread)",
    run(arg, { session, print }) {
      if (!arg) return print(`Tier ${session.tier}: ${TIER_DESCRIPTIONS[session.tier]}. Tiers: ${TIERS.join(", ")}`);
      session.tier = parseTier(arg);
      print(`Tier ${session.tier}: ${TIER_DESCRIPTIONS[session.tier]}`);
    },
  },
  new: {
    usage: "/new",
    help: "start a new session (new thread; long-term memory stays)",
    run(_arg, { session, print }) {
      print(`New thread ${session.newThread()}`);
    },
  },
  why: {
    usage: "/why",
    help: "show which memories and entities the last answer used",
    run(_arg, { session, print }) {
      const last = session.lastTurn;
      if (!last) return print("No answer yet in this session.");
      if (!last.memories.length && !last.entities.length) return print(`The last answer (tier ${last.tier}) used no memories or entities.`);
      for (const m of last.memories) print(`  memory ${m.score.toFixed(2)}  ${m.content}  (${m.why})`);
      for (const e of last.entities) print(`  entity  ${renderEntity(e)}`);
    },
  },
  help: {
    usage: "/help",
    help: "show this list",
    run: (_arg, { print }) => print(commandHelp()),
  },
  exit: {
    usage: "/exit",
    help: "leave (Ctrl-D and Ctrl-C work too)",
    run: () => "exit",
  },
};

/** The command table shown by /help. */
export function commandHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return Object.values(COMMANDS)
    .map((c) => `  ${c.usage.padEnd(width)}  ${c.help}`)
    .join("\n");
}

/** Runs one slash command line (starting with "/"); unknown commands are InvalidInputError. */
export async function runCommand(line: string, ctx: CommandContext): Promise<CommandResult> {
  const match = /^\/(\S+)\s*(.*)$/s.exec(line.trim());
  const name = match?.[1]?.toLowerCase() ?? "";
  const command = COMMANDS[name];
  if (!command) throw new InvalidInputError(`Unknown command /${name}. Type /help for the list.`);
  return command.run(match?.[2]?.trim() ?? "", ctx);
}
