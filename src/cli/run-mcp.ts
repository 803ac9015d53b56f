import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Readable, Writable } from "node:stream";
import { loadConfig, type AppConfig } from "../config/env.js";
import type { Logger } from "../config/logger.js";
import { createMemoria, type Memoria } from "../graph/create-memoria.js";
import { createMemoriaMcpServer } from "../integrations/mcp-server.js";
import { createChatModel } from "../providers/create-chat-model.js";
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
    const chatModel = options.createModel
      ? await options.createModel(config)
      : await createChatModel(config.chatModel, { openaiApiKey: config.openaiApiKey, openaiBaseUrl: config.openaiBaseUrl });
    const logger: Logger = { warn: (m) => err(`[memoria] ${m}`), info: () => {} };
    memoria = await createMemoria({ config, chatModel, logger, checkpointer: false });
    const server = createMemoriaMcpServer(memoria.api, { userId: args.userId });
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
