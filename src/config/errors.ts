/** Base class of every error memoria throws on purpose. */
export class MemoriaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Configuration is missing or malformed; the message says how to fix it. */
export class ConfigError extends MemoriaError {}

/** The per-run context (user id, tier, limits) is invalid. */
export class InvalidContextError extends MemoriaError {}

/** A storage backend (Chroma, checkpointer) failed or is unreachable. */
export class StorageError extends MemoriaError {}

/** The chat model failed or returned output that does not fit its schema. */
export class ModelOutputError extends MemoriaError {}

/** Vectors in a collection were built by another embedder than the one in use. */
export class EmbedderMismatchError extends MemoriaError {}

/** The caller's input (message, arguments) is unusable; the message says why. */
export class InvalidInputError extends MemoriaError {}

/** A Chroma request got no answer within the configured time (MEMORIA_CHROMA_TIMEOUT_MS). */
export class StorageTimeoutError extends StorageError {}

/** The embedded Chroma died or hung and could not be restarted; the message names the cause and what to do. */
export class ChromaUnavailableError extends StorageError {}

/** The chat model is unreachable or refused for now (HTTP 429 or 5xx, connection refused or reset); `retryAfterMs` is its Retry-After, when it sent one. */
export class ModelUnavailableError extends ModelOutputError {
  readonly retryAfterMs?: number;
  constructor(message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The chat model did not answer within the configured time (MEMORIA_MODEL_TIMEOUT_MS). */
export class ModelTimeoutError extends ModelUnavailableError {}

/** A user's background queue stayed full (MEMORIA_QUEUE_MAX_PER_USER jobs) for MEMORIA_QUEUE_WAIT_MS; the job was not queued. */
export class QueueFullError extends MemoriaError {}

/** Another live process holds the data directory's lock; the message names its PID. */
export class DataDirLockedError extends MemoriaError {}

/** The data directory is already open in this process (a second createMemoria/openStores on it): reuse or close the first. */
export class DataDirAlreadyOpenError extends DataDirLockedError {}

/** A run named a thread that belongs to another user; nothing of the thread was read or written. */
export class ThreadOwnershipError extends MemoriaError {}

/** An installed package is not the version whose internals memoria was tested against; the message names both and the fix. */
export class DependencyVersionError extends ConfigError {}
