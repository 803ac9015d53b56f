import { MemoriaError, StorageError } from "../config/errors.js";

const CONNECTION = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|fetch failed|Connection error|socket hang up|timed? ?out/i;

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** Whether an error means the user pressed Ctrl-C during a reply. */
export function isAbort(error: unknown): boolean {
  return causes(error).some((e) => (e as Error).name === "AbortError" || /abort/i.test((e as Error).message ?? ""));
}

/** One friendly paragraph (no stack trace) explaining an error to the person at the terminal. */
export function describeError(error: unknown, chatModel?: string): string {
  if (error instanceof StorageError) {
    return `Memory storage failed: ${error.message}\nIf you set CHROMA_URL, check that server is running; otherwise memoria starts Chroma itself under MEMORIA_DATA_DIR.`;
  }
  if (error instanceof MemoriaError) return error.message;
  const chain = causes(error);
  const text = chain.map((e) => `${(e as Error).name ?? ""} ${(e as Error).message ?? String(e)}`).join(" | ");
  if (CONNECTION.test(text) || chain.some((e) => (e as Error).name === "APIConnectionError")) {
    return `Could not reach the chat model${chatModel ? ` (${chatModel})` : ""}: ${(error as Error).message}\nIs the model server running, and are MEMORIA_CHAT_MODEL / OPENAI_BASE_URL right?`;
  }
  const status = (error as { status?: number }).status;
  if (status === 401 || status === 403) return `The chat model refused the credentials (HTTP ${status}). Check OPENAI_API_KEY.`;
  if (status === 404)
    return `The chat model endpoint answered 404: ${(error as Error).message}\nCheck the model name in MEMORIA_CHAT_MODEL.`;
  return `Something went wrong: ${(error as Error).message ?? String(error)}`;
}

/** Wraps an unexplained model failure (server down, bad key, unknown model) in a MemoriaError with describeError's text; other errors come back unchanged. */
export function explainModelError(error: unknown, chatModel?: string): unknown {
  if (error instanceof MemoriaError || isAbort(error)) return error;
  const text = describeError(error, chatModel);
  return text.startsWith("Something went wrong") ? error : new MemoriaError(text, { cause: error });
}
