import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Readable, Writable } from "node:stream";
import { loadConfig, type AppConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { createMemoria, type Memoria } from "../graph/create-memoria.js";
import { createMemoriaMcpServer } from "../integrations/mcp-server.js";
import { createChatModel } from "../providers/create-chat-model.js";
import { noChatModel } from "../providers/no-chat-model.js";
import { describeError } from "./friendly-error.js";
import { MCP_USAGE, parseMcpArgs } from "./mcp-args.js";

/** Where the MCP server talks (stdin/stdout carry the protocol; errorOutput gets logs) and overrides for tests. */
export interface RunMcpOptions {
  argv: string[];
  input: Readable;
  output: Writable;
  errorOutput: Writable;
  createModel?: (config: AppConfig) => BaseChatModel | Promise<BaseChatModel>;
  config?: AppConfig;
}

/** Serves the memory tools over MCP stdio until the client closes stdin; resolves to the exit code. */
export async function runMcp(options: RunMcpOptions): Promise<number> {
  const err = (text: string) => void options.errorOutput.write(`${text}\n`);
  let memoria: Memoria | undefined;
  let config: AppConfig | undefined;
  try {
    config = options.config ?? loadConfig();
    const args = parseMcpArgs(options.argv, config.user);
    if (args.help) {
      err(MCP_USAGE);
      return 0;
    }
    const infer = options.createModel !== undefined || Boolean(config.chatModel?.trim());
    const chatModel = options.createModel
      ? await options.createModel(config)
      : infer
        ? await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl })
        : noChatModel("memoria mcp");
    const logger: Logger = { warn: (m) => err(`[memoria] ${m}`), info: () => {} };
    const modelless = infer ? {} : ({ extraction: "off", resumeQueue: false } as const);
    memoria = await createMemoria({ config, chatModel, logger, checkpointer: false, ...modelless });
    err(
      config.chromaUrl
        ? `[memoria] memories in the Chroma server ${config.chromaUrl}; history and ledger in ${config.dataDir}`
        : `[memoria] data in ${config.dataDir} (set MEMORIA_DATA_DIR to change it)`,
    );
    if (!infer) err("[memoria] no MEMORIA_CHAT_MODEL: save_memory stores the text as given (set one to extract and reconcile saves)");
    const server = createMemoriaMcpServer(memoria.api, { userId: args.userId, infer });
    const transport = new StdioServerTransport(options.input, options.output);
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      options.input.once("end", () => resolve());
    });
    await server.connect(transport);
    err(`[memoria] MCP server ready for user ${args.userId}`);
    await closed;
    await server.close();
    return 0;
  } catch (error) {
    err(describeError(error, config?.chatModel));
    return 1;
  } finally {
    await memoria?.close();
  }
}
