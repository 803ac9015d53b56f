import { ModelTimeoutError, ModelUnavailableError } from "../config/errors.js";

const TRANSIENT_NAMES = new Set(["APIConnectionError", "APIConnectionTimeoutError", "TimeoutError", "FetchError"]);
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
/** Longest Retry-After honoured; a server asking for more is retried after this long. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

type ErrorLike = { name?: unknown; code?: unknown; status?: unknown; headers?: unknown; cause?: unknown; constructor?: { name?: string } };

const transientStatus = (status: unknown) => typeof status === "number" && (status === 408 || status === 429 || status >= 500);

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** The wait a response asks for, from `retry-after-ms` or `retry-after` (seconds or an HTTP date), capped at MAX_RETRY_AFTER_MS. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const clamp = (ms: number) => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && ms.trim() !== "" && Number.isFinite(Number(ms))) return clamp(Number(ms));
  const raw = header(headers, "retry-after")?.trim();
  if (!raw) return undefined;
  const wait = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw) - now;
  return Number.isFinite(wait) ? clamp(wait) : undefined;
}

function isTransient(error: ErrorLike): boolean {
  const name = error.constructor?.name;
  return (
    transientStatus(error.status) ||
    (typeof name === "string" && TRANSIENT_NAMES.has(name)) ||
    (typeof error.name === "string" && TRANSIENT_NAMES.has(error.name)) ||
    (typeof error.code === "string" && TRANSIENT_CODES.has(error.code))
  );
}

/**
 * The one place model failures are classified: an error (or one of its causes) that says the model is down or busy for now
 * (HTTP 408, 429, 5xx, connection refused or reset, timeouts) becomes ModelUnavailableError carrying its Retry-After; anything
 * else gives undefined (a malformed or refused answer, not worth retrying).
 */
export function asModelUnavailable(error: unknown, message: string): ModelUnavailableError | undefined {
  if (error instanceof ModelTimeoutError) return new ModelTimeoutError(message, { cause: error });
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    if (current instanceof ModelUnavailableError)
      return new ModelUnavailableError(message, { cause: error, retryAfterMs: current.retryAfterMs });
    const candidate = current as ErrorLike;
    if (isTransient(candidate)) return new ModelUnavailableError(message, { cause: error, retryAfterMs: retryAfterMs(candidate.headers) });
    current = candidate.cause;
  }
  return undefined;
}
