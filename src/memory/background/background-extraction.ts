import { randomUUID } from "node:crypto";
import { ModelUnavailableError } from "../../config/errors.js";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { ExtractionJob } from "../extraction/run-extraction.js";
import { KeyedLock } from "../keyed-lock.js";
import type { QueuedJob, WorkQueue } from "../ledger/ledger-types.js";
import { isTransientFailure } from "./transient-failure.js";
import { UserQueueBound, type QueueLimits } from "./user-queue-bound.js";

const JOB_KIND = "extraction";

/** How often a process sharing the queue with replicas looks for jobs a dead replica left (its lease expired). */
export const SHARED_QUEUE_POLL_MS = 5_000;

/** Backoff of a job that failed for a transient reason (Chroma error, model outage or timeout): doubling from initialMs up to maxMs, or the model's Retry-After when longer. */
export interface RetryOptions {
  initialMs?: number;
  maxMs?: number;
}

/** How this process shares the queue: its worker name, and how often it looks for jobs other processes left claimable. */
export interface ClaimOptions {
  worker?: string;
  /** Polls the queue this often after resume() (a job left by a replica that died); off when absent. */
  pollMs?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs extraction after the reply: jobs are persisted first, then claimed from the queue, so with a shared queue each job runs in
 * one process only, one at a time and in order per user. A claim is renewed while its job runs; a job that fails for a transient
 * reason is retried with backoff in this process, and the user's later jobs wait for it; on close it is given back to the queue.
 * Each user's queue is bounded: past `limits.maxPerUser` jobs, enqueue waits for room (QueueFullError after `limits.waitMs`).
 */
export class BackgroundExtraction {
  private readonly lock = new KeyedLock();
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private readonly worker: string;
  private pumping: Promise<void> | undefined;
  private again = false;
  private poller: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private readonly bound: UserQueueBound;

  constructor(
    private readonly queue: WorkQueue,
    private readonly run: (job: ExtractionJob) => Promise<void>,
    private readonly logger: Logger = silentLogger,
    private readonly retry: RetryOptions = {},
    private readonly claims: ClaimOptions = {},
    limits: QueueLimits = {},
  ) {
    this.worker = claims.worker ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.bound = new UserQueueBound((userId) => this.queue.count(userId), limits);
  }

  /** Persists a job once its user's queue has room, then claims work; resolves once the job is persisted. */
  async enqueue(job: ExtractionJob): Promise<void> {
    await this.bound.admit(
      job.input.userId,
      () => this.queue.push(job.input.userId, JOB_KIND, job),
      () => this.closed,
    );
    this.kick();
  }

  /** How many jobs wait in the queue (of one user, or of all), including the ones running or retrying. */
  pending(userId?: string): Promise<number> {
    return this.queue.count(userId);
  }

  /** Starts claiming the jobs left in the queue by earlier processes (and polling, when set); returns how many are pending. */
  async resume(): Promise<number> {
    const pending = await this.pending();
    if (this.claims.pollMs && !this.poller && !this.closed) {
      this.poller = setInterval(() => this.kick(), this.claims.pollMs);
      this.poller.unref();
    }
    this.kick();
    return pending;
  }

  private kick(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => this.logger.warn(`background extraction: could not claim a job (${(error as Error).message})`, error))
      .finally(() => {
        this.pumping = undefined;
        if (this.again) this.kick();
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.again = false;
      const job = await this.queue.claim(JOB_KIND, this.worker);
      if (!job) return;
      if (this.closed) return this.queue.release(job.seq, this.worker);
      const done: Promise<void> = this.lock
        .run(job.userId, () => this.execute(job))
        .catch((error: unknown) => this.logger.warn(`background extraction: job ${job.seq} failed (${(error as Error).message})`, error))
        .finally(() => {
          this.running.delete(done);
          this.bound.notify();
          this.kick();
        });
      this.running.add(done);
      await yieldToEventLoop();
    }
  }

  private async execute(job: QueuedJob): Promise<void> {
    const heartbeat = Number.isFinite(this.queue.leaseMs)
      ? setInterval(() => void this.queue.renew(job.seq, this.worker).catch(() => undefined), this.queue.leaseMs / 3)
      : undefined;
    try {
      for (let attempt = 0; ; attempt++) {
        if (!(await this.queue.renew(job.seq, this.worker))) return;
        try {
          await this.run(job.payload as ExtractionJob);
        } catch (error) {
          if (isTransientFailure(error)) {
            if (this.closed) {
              this.logger.warn(
                `background extraction: job ${job.seq} kept in the queue for the next start (${(error as Error).message})`,
                error,
              );
              return await this.queue.release(job.seq, this.worker);
            }
            const backoff = Math.min(this.retry.maxMs ?? 30_000, (this.retry.initialMs ?? 500) * 2 ** attempt);
            const delay = Math.max(backoff, (error instanceof ModelUnavailableError && error.retryAfterMs) || 0);
            this.logger.warn(`background extraction: job ${job.seq} failed (${(error as Error).message}); retrying in ${delay} ms`, error);
            await this.sleep(delay);
            continue;
          }
          this.logger.warn(`background extraction: job ${job.seq} dropped, not retryable (${(error as Error).message})`, error);
        }
        await this.queue.complete(job.seq);
        return;
      }
    } finally {
      clearInterval(heartbeat);
    }
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

  /** Waits until no job is being claimed or run here (including ones claimed meanwhile). */
  async drain(): Promise<void> {
    while (this.pumping || this.running.size > 0) await Promise.all([this.pumping, ...this.running]);
  }

  /** Drops a user's pending jobs and waits for the one running here; returns how many were dropped. */
  async forgetUser(userId: string): Promise<number> {
    const dropped = await this.queue.deleteUser(userId);
    this.wakeAll();
    await this.lock.run(userId, async () => {});
    return dropped + (await this.queue.deleteUser(userId));
  }

  /** Stops claiming work (new jobs stay persisted for the next start or another replica) and finishes what runs here. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    this.wakeAll();
    this.bound.notify();
    await this.drain();
  }
}
