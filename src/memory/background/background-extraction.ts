import { StorageError } from "../../config/errors.js";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { ExtractionJob } from "../extraction/run-extraction.js";
import { KeyedLock } from "../keyed-lock.js";
import type { WorkQueue } from "../ledger/work-queue.js";

const JOB_KIND = "extraction";

/** Runs extraction after the reply: jobs are persisted first, run in order per user, and finished on close or resumed on the next start. */
export class BackgroundExtraction {
  private readonly lock = new KeyedLock();
  private readonly scheduled = new Map<number, Promise<void>>();
  private closed = false;

  constructor(
    private readonly queue: WorkQueue,
    private readonly run: (job: ExtractionJob) => Promise<void>,
    private readonly logger: Logger = silentLogger,
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
        const row = this.queue.get(seq);
        if (!row) return;
        try {
          await this.run(row.payload as ExtractionJob);
        } catch (error) {
          if (error instanceof StorageError) {
            this.logger.warn(`background extraction: job ${seq} kept in the queue for the next start (${error.message})`, error);
            return;
          }
          this.logger.warn(`background extraction: job ${seq} failed and was dropped (${(error as Error).message})`, error);
        }
        this.queue.complete(seq);
      })
      .finally(() => this.scheduled.delete(seq));
    this.scheduled.set(seq, done);
  }

  /** Waits until every scheduled job (including ones scheduled meanwhile) has finished. */
  async drain(): Promise<void> {
    while (this.scheduled.size > 0) await Promise.all([...this.scheduled.values()]);
  }

  /** Drops a user's pending jobs and waits for the one running; returns how many were dropped. */
  async forgetUser(userId: string): Promise<number> {
    const dropped = this.queue.deleteUser(userId);
    await this.lock.run(userId, async () => {});
    return dropped + this.queue.deleteUser(userId);
  }

  /** Stops taking new work into memory (new jobs stay persisted for the next start) and finishes what is scheduled. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }
}
