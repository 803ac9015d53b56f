import { QueueFullError } from "../../config/errors.js";
import { KeyedLock } from "../keyed-lock.js";

/** Default of MEMORIA_QUEUE_MAX_PER_USER: jobs one user may have waiting before a new one waits for room. */
export const DEFAULT_QUEUE_MAX_PER_USER = 200;
/** Default of MEMORIA_QUEUE_WAIT_MS: how long a job waits for room before QueueFullError. */
export const DEFAULT_QUEUE_WAIT_MS = 30_000;
/** How often a waiting job re-counts the queue when no local job finished (another replica may have run one). */
const RECOUNT_MS = 250;

/** The per-user bound of the background queue: `maxPerUser` jobs, and how long a new job waits for room (`waitMs`). */
export interface QueueLimits {
  maxPerUser?: number;
  waitMs?: number;
}

/** Backpressure on a user's queue: a job is let in below the bound, else it waits for one of the user's jobs to finish, else fails. */
export class UserQueueBound {
  private readonly order = new KeyedLock();
  private readonly waiters = new Set<() => void>();
  private readonly maxPerUser: number;
  private readonly waitMs: number;

  constructor(
    private readonly count: (userId: string) => Promise<number>,
    limits: QueueLimits = {},
  ) {
    this.maxPerUser = limits.maxPerUser ?? DEFAULT_QUEUE_MAX_PER_USER;
    this.waitMs = limits.waitMs ?? DEFAULT_QUEUE_WAIT_MS;
  }

  /** Runs `push` once the user's queue has room (one admission at a time per user, in call order); QueueFullError after waitMs. */
  admit<T>(userId: string, push: () => Promise<T>, closed: () => boolean): Promise<T> {
    return this.order.run(userId, async () => {
      const deadline = Date.now() + this.waitMs;
      for (;;) {
        const pending = await this.count(userId);
        if (pending < this.maxPerUser || closed()) return push();
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new QueueFullError(
            `The user's background queue holds ${pending} jobs (MEMORIA_QUEUE_MAX_PER_USER=${this.maxPerUser}) and none finished within ${this.waitMs} ms (MEMORIA_QUEUE_WAIT_MS); the job was not queued.`,
          );
        }
        await this.progress(Math.min(left, RECOUNT_MS));
      }
    });
  }

  /** Wakes the jobs waiting for room (a job finished, or the queue is closing). */
  notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private progress(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }
}
