import { StorageError } from "../../config/errors.js";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { OutboxEntry, WriteOutbox } from "../ledger/write-outbox.js";
import type { MemoryRecord } from "../types.js";
import { CHROMA_BATCH } from "./chroma/batches.js";

/** Default longest wait of an accepted row before its batch is sent to Chroma. */
export const DEFAULT_WRITE_FLUSH_MS = 25;
const MAX_RETRY_MS = 5_000;

/** Tuning of the write-behind outbox. */
export interface WriteBehindOptions {
  /** Longest wait of an accepted row before its batch is sent (default DEFAULT_WRITE_FLUSH_MS). */
  flushMs?: number;
  /** Rows waiting that start a flush at once (default 500). */
  batchRows?: number;
  logger?: Logger;
}

/**
 * Durable write-behind in front of Chroma: rows are appended to the SQLite outbox and acknowledged, then sent in batched
 * upserts on a short timer and deleted from the outbox once Chroma accepted them (rows embedded by another model, e.g. left by
 * a crash before a reindex, are embedded again). After a failed send, new rows are refused
 * (StorageError) until a send succeeds again; the rows already accepted stay and are retried with backoff.
 */
export class WriteBehind {
  private queued: number;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private failure?: Error;
  private failures = 0;
  private closed = false;
  private readonly flushMs: number;
  private readonly batchRows: number;
  private readonly logger: Logger;

  constructor(
    private readonly outbox: WriteOutbox,
    private readonly upsert: (records: MemoryRecord[], vectors?: number[][]) => Promise<void>,
    private readonly model: string,
    options: WriteBehindOptions = {},
  ) {
    this.flushMs = Math.max(0, options.flushMs ?? DEFAULT_WRITE_FLUSH_MS);
    this.batchRows = Math.max(1, options.batchRows ?? 500);
    this.logger = options.logger ?? silentLogger;
    this.queued = outbox.count();
  }

  /** Accepts rows durably (with `alongside` in the same ledger transaction); while Chroma refuses writes it rejects with StorageError and stores nothing. */
  async enqueue(entries: OutboxEntry[], alongside?: () => void): Promise<void> {
    if (this.closed) throw new StorageError("The memory store is closed.");
    if (this.failure) await this.drain();
    try {
      this.outbox.append(entries, alongside);
    } catch (error) {
      throw new StorageError(`Could not write to the memoria ledger: ${(error as Error).message}`, { cause: error });
    }
    this.queued += entries.length;
    if (this.queued >= this.batchRows) this.background();
    else this.timer ??= setTimeout(() => this.background(), this.flushMs);
  }

  /** Sends every waiting row to Chroma; cheap when none waits; rejects when Chroma refuses them. */
  async drain(): Promise<void> {
    while (this.flushing || this.queued > 0) await this.flush();
  }

  /** Waits for the send in flight, then drops the waiting rows of the given memories; returns how many memories had one. */
  async dropMemories(ids: string[]): Promise<number> {
    await this.settle();
    return this.queued > 0 && ids.length ? this.outbox.dropMemories(ids) : 0;
  }

  /** Waits for the send in flight, then drops every waiting row of a user; returns how many memories had one. */
  async dropUser(userId: string): Promise<number> {
    await this.settle();
    return this.outbox.dropUser(userId);
  }

  private async settle(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
  }

  /** Sends what waits, then refuses new rows; rows Chroma refuses stay in the outbox for the next open. */
  async close(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      this.logger.warn("Memory rows not yet in Chroma stay in the ledger's outbox and are sent when the stores open again", error);
    } finally {
      this.closed = true;
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private background(): void {
    this.flush().catch(() => undefined);
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing ??= this.send().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async send(): Promise<void> {
    try {
      for (;;) {
        const batch = this.outbox.oldest(CHROMA_BATCH);
        this.queued = batch.length ? Math.max(this.queued, batch.length) : 0;
        if (!batch.length) break;
        const [same, other] = [batch.filter((e) => e.model === this.model), batch.filter((e) => e.model !== this.model)];
        if (same.length)
          await this.upsert(
            same.map((e) => e.record),
            same.map((e) => e.vector),
          );
        if (other.length) await this.upsert(other.map((e) => e.record));
        this.outbox.delete(batch.map((e) => e.seq));
        this.queued = Math.max(0, this.queued - batch.length);
      }
      this.failure = undefined;
      this.failures = 0;
    } catch (error) {
      this.failure = error as Error;
      this.failures++;
      const retryMs = Math.min(MAX_RETRY_MS, Math.max(this.flushMs, 50) * 2 ** this.failures);
      this.logger.warn(`Could not send ${this.queued} memory rows to Chroma; retrying in ${retryMs} ms`, error);
      if (!this.closed) this.timer = setTimeout(() => this.background(), retryMs).unref();
      throw error instanceof StorageError ? error : new StorageError(`Chroma write failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
