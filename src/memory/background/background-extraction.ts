import { ModelTimeoutError, StorageError } from "../../config/errors.js";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { ExtractionJob } from "../extraction/run-extraction.js";
import { KeyedLock } from "../keyed-lock.js";
import type { WorkQueue } from "../ledger/work-queue.js";

const JOB_KIND = "extraction";

/** Backoff of a job that failed for a transient reason (Chroma error or model timeout): doubling from initialMs up to maxMs. */
export interface RetryOptions {
  initialMs?: number;
  maxMs?: number;
}

const transient = (error: unknown) => error instanceof StorageError || error instanceof ModelTimeoutError;

/**
 * Runs extraction after the reply: jobs are persisted first and run in order per user. A job that fails for a transient
 * reason is retried with backoff in this process, and the user's later jobs wait for it; on close it stays queued for the next start.
 */
export class BackgroundExtraction {
  private readonly lock = new KeyedLock();
  private readonly scheduled = new Map<number, Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly queue: WorkQueue,
    private readonly run: (job: ExtractionJob) => Promise<void>,
    private readonly logger: Logger = silentLogger,
    private readonly retry: RetryOptions = {},
  ) {}

  /** Persists a job and schedules it; returns at once. */
  enqueue(job: ExtractionJob): void {
    const queued = this.queue.push(job.input.userId, JOB_KIND, job);
    if (!this.closed) this.schedule(queued.seq, job.input.userId);
  }

  /** Schedules every job left in the queue by an earlier process; returns how many. */
  resume(): number {
    const pending = this.queue.pending().filter((j) => j.kind === JOB_KIND && !this.scheduled.has(j.seq));
    for (const job of pending) this.schedule(job.seq, job.userId);
    return pending.length;
  }

  private schedule(seq: number, userId: string): void {
    const done = this.lock
      .run(userId, async () => {
        for (let attempt = 0; ; attempt++) {
          const row = this.queue.get(seq);
          if (!row) return;
          try {
            await this.run(row.payload as ExtractionJob);
          } catch (error) {
            if (transient(error)) {
              if (this.closed) {
                this.logger.warn(
                  `background extraction: job ${seq} kept in the queue for the next start (${(error as Error).message})`,
                  error,
                );
                return;
              }
              const delay = Math.min(this.retry.maxMs ?? 30_000, (this.retry.initialMs ?? 500) * 2 ** attempt);
              this.logger.warn(`background extraction: job ${seq} failed (${(error as Error).message}); retrying in ${delay} ms`, error);
              await this.sleep(delay);
              continue;
            }
            this.logger.warn(`background extraction: job ${seq} failed and was dropped (${(error as Error).message})`, error);
          }
          this.queue.complete(seq);
          return;
        }
      })
      .finally(() => this.scheduled.delete(seq));
    this.scheduled.set(seq, done);
  }

  /** Waits `ms`, or less when close() or forgetUser() wakes the retrying jobs. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Waits until every scheduled job (including ones scheduled meanwhile) has finished. */
  async drain(): Promise<void> {
    while (this.scheduled.size > 0) await Promise.all([...this.scheduled.values()]);
  }

  /** Drops a user's pending jobs and waits for the one running; returns how many were dropped. */
  async forgetUser(userId: string): Promise<number> {
    const dropped = this.queue.deleteUser(userId);
    this.wakeAll();
    await this.lock.run(userId, async () => {});
    return dropped + this.queue.deleteUser(userId);
  }

  /** Stops taking new work into memory (new jobs stay persisted for the next start) and finishes what is scheduled. */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    await this.drain();
  }
}
