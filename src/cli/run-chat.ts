import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { loadConfig, type AppConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { createMemoria, type Memoria } from "../graph/create-memoria.js";
import { TIER_DESCRIPTIONS } from "../graph/tiers.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { CHAT_USAGE, parseChatArgs } from "./chat-args.js";
import { runCommand } from "./chat-commands.js";
import { ChatSession, newThreadId } from "./chat-session.js";
import { checkChatEndpoint } from "./check-endpoint.js";
import { describeError, isAbort } from "./friendly-error.js";
import { lastThread } from "./last-thread.js";
import { lineQueue } from "./line-queue.js";
import { createMemoryOps } from "./memory-ops.js";
import { PromptNotices } from "./prompt-notices.js";
import { startReply } from "./reply-progress.js";
import { streamReply } from "./stream-reply.js";

/** Where the REPL reads and writes, and optional overrides for tests and embedding apps. */
export interface RunChatOptions {
  argv: string[];
  input: Readable;
  output: Writable;
  /** Where errors and warnings go; defaults to output. */
  errorOutput?: Writable;
  /** Builds the chat model instead of MEMORIA_CHAT_MODEL (tests pass a scripted model). */
  createModel?: (config: AppConfig) => BaseChatModel | Promise<BaseChatModel>;
  config?: AppConfig;
}

/** Runs the interactive chat until /exit, Ctrl-D or Ctrl-C; resolves to the process exit code. */
export async function runChat(options: RunChatOptions): Promise<number> {
  const out = (text: string) => void options.output.write(text);
  const err = (text: string) => void (options.errorOutput ?? options.output).write(`${text}\n`);
  let memoria: Memoria | undefined;
  let config: AppConfig | undefined;
  try {
    const args = parseChatArgs(options.argv);
    if (args.help) {
      out(`${CHAT_USAGE}\n`);
      return 0;
    }
    config = options.config ?? loadConfig();
    const chatModel = options.createModel
      ? await options.createModel(config)
      : await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl });
    if (!options.createModel) await checkChatEndpoint(config);
    const notices = new PromptNotices(err);
    const logger: Logger = { warn: (m) => notices.notice(`[memoria] ${m}`), info: () => {} };
    out("Starting memoria…\n");
    memoria = await createMemoria({ config, chatModel, logger, extraction: config.extraction ?? "background" });
    const resumed = args.resume ? lastThread(config.dataDir, args.userId) : undefined;
    if (args.resume && !resumed) out(`No earlier thread for ${args.userId}; starting a new one.\n`);
    const session = new ChatSession(config.dataDir, args.userId, args.tier, args.threadId ?? resumed ?? newThreadId(), args.profile);
    out(
      `Chatting as ${session.userId}, tier ${session.tier} (${TIER_DESCRIPTIONS[session.tier]}), thread ${session.threadId}${resumed ? " (resumed)" : ""}.\n`,
    );
    out("Type /help for commands, /exit or Ctrl-D to leave.\n");
    await loop(memoria, session, options, { out, err, notices }, config.chatModel);
    out("Bye.\n");
    return 0;
  } catch (error) {
    err(describeError(error, config?.chatModel));
    return 1;
  } finally {
    await memoria?.close().catch((e: unknown) => err(describeError(e)));
  }
}

async function loop(
  memoria: Memoria,
  session: ChatSession,
  options: RunChatOptions,
  { out, err, notices }: { out: (text: string) => void; err: (text: string) => void; notices: PromptNotices },
  chatModel?: string,
): Promise<void> {
  const terminal = Boolean((options.input as { isTTY?: boolean }).isTTY);
  const spinner = terminal && Boolean((options.output as { isTTY?: boolean }).isTTY);
  const rl = createInterface({ input: options.input, output: options.output, terminal, prompt: "you> " });
  notices.attach(rl, options.output, terminal);
  const next = lineQueue(rl);
  const ops = createMemoryOps(memoria);
  let turn: AbortController | undefined;
  const interrupt = () => {
    if (turn) return turn.abort();
    out("\n");
    rl.close();
  };
  rl.on("SIGINT", interrupt);
  process.on("SIGINT", interrupt);
  try {
    notices.showPrompt();
    for (let line = await next(); line !== undefined; line = await next()) {
      notices.busy();
      const text = line.trim();
      if (!terminal) out(`${line}\n`);
      if (text.startsWith("/")) {
        const result = await runCommand(text, { session, ops, print: (l) => out(`${l}\n`) }).catch((e: unknown) => err(describeError(e)));
        if (result === "exit") break;
      } else if (text) {
        turn = new AbortController();
        const reply = startReply(out, spinner);
        try {
          const { state } = await streamReply(memoria, session, text, reply.write, turn.signal);
          reply.done();
          out("\n");
          if (state) session.lastTurn = { tier: session.tier, memories: state.memories ?? [], entities: state.entities ?? [] };
        } catch (e) {
          reply.done();
          out("\n");
          err(isAbort(e) ? "(reply stopped)" : describeError(e, chatModel));
        } finally {
          turn = undefined;
        }
      }
      notices.showPrompt();
    }
  } finally {
    process.off("SIGINT", interrupt);
    notices.detach();
    rl.close();
  }
}
