import { silentLogger, type Logger } from "../../config/logger.js";
import { DEFAULTS } from "../defaults.js";

/** Coalesced uses of one row: how many since the last flush, and the latest time. */
export interface AccessCount {
  times: number;
  at: string;
}

/** Writes one user's coalesced uses (accessCount += times, lastAccessedAt = at); ids whose rows no longer exist must be skipped, never re-created. */
export type ApplyAccess = (userId: string, accesses: ReadonlyMap<string, AccessCount>) => Promise<void>;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Pending {
  counts: Map<string, AccessCount>;
  waiters: Waiter[];
  /** Failed flushes of these counts so far. */
  failures: number;
}

/** When and how hard the batcher writes. */
export interface AccessBatcherOptions {
  /** Delay between the first queued use and the write (default DEFAULTS.accessFlushMs). */
  flushMs?: number;
  /** Flushes a batch may fail before its uses are dropped with a warning (default 3). */
  maxAttempts?: number;
  logger?: Logger;
  /** What the warnings call the rows, e.g. "memories". */
  what?: string;
}

const later = (a: string, b: string) => (a > b ? a : b);

function mergeInto(target: Map<string, AccessCount>, source: ReadonlyMap<string, AccessCount>): void {
  for (const [id, c] of source) {
    const known = target.get(id);
    target.set(id, known ? { times: known.times + c.times, at: later(known.at, c.at) } : c);
  }
}

/**
 * Takes access counts off the hot path: uses are coalesced per user and row, and written together on a short timer, on
 * flush() and on close(). A failed write is retried on the next flush, then dropped with a warning; each caller's promise
 * settles when its uses are written or dropped.
 */
export class AccessBatcher {
  private pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly apply: ApplyAccess,
    private readonly options: AccessBatcherOptions = {},
  ) {}

  /** Queues one use of each distinct id; resolves once written (after close, writes at once). */
  record(userId: string, ids: string[], at: string): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    const counts = new Map([...new Set(ids)].map((id) => [id, { times: 1, at }]));
    if (this.closed) return this.apply(userId, counts);
    return new Promise<void>((resolve, reject) => {
      this.queue(userId, { counts, waiters: [{ resolve, reject }], failures: 0 });
    });
  }

  /** Users with uses waiting to be written. */
  pendingUsers(): string[] {
    return [...this.pending.keys()];
  }

  /** Forgets a user's queued uses (their rows are being deleted); their callers resolve. */
  drop(userId: string): void {
    const dropped = this.pending.get(userId);
    this.pending.delete(userId);
    for (const w of dropped?.waiters ?? []) w.resolve();
  }

  /** Writes everything queued now, and waits for writes already under way. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const writes = [...batch].map(([userId, p]) => this.write(userId, p));
    await Promise.all([...writes, ...this.inFlight]);
  }

  /** Flushes, then writes later uses at once instead of queueing them. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private queue(userId: string, p: Pending): void {
    const known = this.pending.get(userId);
    if (known) {
      mergeInto(known.counts, p.counts);
      known.waiters.push(...p.waiters);
      known.failures = Math.max(known.failures, p.failures);
    } else this.pending.set(userId, p);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.options.flushMs ?? DEFAULTS.accessFlushMs);
      this.timer.unref();
    }
  }

  private write(userId: string, p: Pending): Promise<void> {
    const done = this.apply(userId, p.counts).then(
      () => {
        for (const w of p.waiters) w.resolve();
      },
      (error: unknown) => {
        const failures = p.failures + 1;
        const logger = this.options.logger ?? silentLogger;
        const what = `${p.counts.size} ${this.options.what ?? "rows"} of user ${userId}`;
        if (failures < (this.options.maxAttempts ?? 3) && !this.closed) {
          logger.warn(`access counts of ${what} not written, retrying (${(error as Error).message})`, error);
          this.queue(userId, { ...p, failures });
          return;
        }
        logger.warn(`access counts of ${what} dropped after ${failures} failed writes (${(error as Error).message})`, error);
        for (const w of p.waiters) w.reject(error);
      },
    );
    this.inFlight.add(done);
    return done.finally(() => this.inFlight.delete(done));
  }
}
