import type { AppConfig } from "../config/env.js";
import { ConfigError } from "../config/errors.js";

/** Fails fast with a ConfigError when an OpenAI-compatible OPENAI_BASE_URL does not answer at all (any HTTP status counts as up). */
export async function checkChatEndpoint(config: AppConfig, timeoutMs = 3_000): Promise<void> {
  if (!config.chatModel?.startsWith("openai:") || !config.openaiBaseUrl) return;
  const url = `${config.openaiBaseUrl.replace(/\/+$/, "")}/models`;
  try {
    await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: config.openaiApiKey ? { authorization: `Bearer ${config.openaiApiKey}` } : {},
    });
  } catch (error) {
    const cause = (error as { cause?: Error }).cause?.message;
    const reason =
      errorCode(error) ?? ((error as Error).name === "TimeoutError" ? `no answer in ${timeoutMs} ms` : (cause ?? (error as Error).message));
    throw new ConfigError(
      `The chat model server at ${config.openaiBaseUrl} is not reachable (${reason}).\nStart it (for example \`ollama serve\`) or fix OPENAI_BASE_URL / MEMORIA_CHAT_MODEL=${config.chatModel}.`,
      { cause: error },
    );
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code ?? (e as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
