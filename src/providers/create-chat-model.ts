import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ConfigError } from "../config/errors.js";

/** Credentials and sampling settings shared by every chat model the factory can build. */
export interface ChatModelOptions {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  temperature?: number;
}

const EXAMPLES = [
  "  MEMORIA_CHAT_MODEL=openai:gpt-4o-mini with OPENAI_API_KEY=sk-...  (OpenAI)",
  "  MEMORIA_CHAT_MODEL=openai:llama3.1 OPENAI_BASE_URL=http://localhost:11434/v1  (Ollama, vLLM or any OpenAI-compatible server)",
  "  MEMORIA_CHAT_MODEL=llama-cpp:./models/x.gguf  (fully offline, needs the optional package node-llama-cpp)",
].join("\n");

const SUPPORTED = "openai:<model> or llama-cpp:<path to .gguf>";

function parseSpec(spec: string | undefined): { kind: string; target: string } {
  const trimmed = spec?.trim();
  if (!trimmed) throw new ConfigError(`No chat model configured. Set MEMORIA_CHAT_MODEL, for example:\n${EXAMPLES}`);
  const colon = trimmed.indexOf(":");
  const kind = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const target = colon < 0 ? "" : trimmed.slice(colon + 1).trim();
  if (kind !== "openai" && kind !== "llama-cpp") {
    throw new ConfigError(`Unknown MEMORIA_CHAT_MODEL "${trimmed}". Supported: ${SUPPORTED}. For example:\n${EXAMPLES}`);
  }
  if (!target) throw new ConfigError(`MEMORIA_CHAT_MODEL "${trimmed}" names no model. Use ${SUPPORTED}.`);
  return { kind, target };
}

async function createOpenAI(model: string, options: ChatModelOptions): Promise<BaseChatModel> {
  const { openaiApiKey, openaiBaseUrl, temperature } = options;
  if (!openaiApiKey && !openaiBaseUrl) {
    throw new ConfigError(
      `MEMORIA_CHAT_MODEL=openai:${model} needs OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama at http://localhost:11434/v1).`,
    );
  }
  const { ChatOpenAI } = await import("@langchain/openai");
  return new ChatOpenAI({
    model,
    apiKey: openaiApiKey ?? "not-needed",
    maxRetries: 2,
    ...(temperature !== undefined && { temperature }),
    ...(openaiBaseUrl && { configuration: { baseURL: openaiBaseUrl } }),
  });
}

async function createLlamaCpp(path: string, options: ChatModelOptions): Promise<BaseChatModel> {
  const modelPath = resolve(path);
  if (!existsSync(modelPath)) {
    throw new ConfigError(
      `MEMORIA_CHAT_MODEL=llama-cpp:${path}: no GGUF file at ${modelPath}. Download a .gguf model there or fix the path.`,
    );
  }
  const { ChatLlamaCpp } = await import("./llama-cpp-chat-model.js");
  return new ChatLlamaCpp({ modelPath, temperature: options.temperature });
}

/**
 * Builds the chat model named by a MEMORIA_CHAT_MODEL spec (`openai:<model>` or `llama-cpp:<path.gguf>`). It sets no deadline of
 * its own: callers wrap it with withModelTimeout (MEMORIA_MODEL_TIMEOUT_MS), whose abort signal both models honour.
 */
export async function createChatModel(spec: string | undefined, options: ChatModelOptions = {}): Promise<BaseChatModel> {
  const { kind, target } = parseSpec(spec);
  return kind === "openai" ? createOpenAI(target, options) : createLlamaCpp(target, options);
}
