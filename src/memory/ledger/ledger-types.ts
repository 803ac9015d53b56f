import type { HistoryEvent } from "../types.js";
import type { WriteOutbox } from "./write-outbox.js";

/** A persisted unit of background work. */
export interface QueuedJob {
  seq: number;
  userId: string;
  kind: string;
  payload: unknown;
  enqueuedAt: string;
}

/** Audit trail of memory decisions; deleting a memory erases its text from the trail, deleting a user erases the rows. */
export interface HistoryLog {
  /** Appends events in one transaction. */
  record(events: HistoryEvent[]): Promise<void>;
  /** Appends events at once, inside the transaction the caller holds on the same database (only a log that can: SQLite). */
  recordSync?(events: HistoryEvent[]): void;
  /** Records a deletion and erases every earlier text of that memory. */
  recordDeletion(event: Omit<HistoryEvent, "action" | "content">): Promise<void>;
  /** Every event of one memory, oldest first. */
  forMemory(memoryId: string): Promise<HistoryEvent[]>;
  /** Every event of one user, oldest first. */
  forUser(userId: string): Promise<HistoryEvent[]>;
  /** Removes every event of a user; returns how many. */
  deleteUser(userId: string): Promise<number>;
}

/** Which checkpoint threads belong to which user: a thread is bound to the first user that runs on it. */
export interface ThreadRegistry {
  /** The user a thread belongs to (the first one that ran on it), if any. */
  ownerOf(threadId: string): Promise<string | undefined>;
  /** Binds a thread to the user on first use (idempotent for its owner); rejects with ThreadOwnershipError when another user owns it. */
  register(userId: string, threadId: string, at?: string): Promise<void>;
  /** The thread ids a user owns, oldest first. */
  threadsOf(userId: string): Promise<string[]>;
  /** Forgets a user's threads; returns how many. */
  deleteUser(userId: string): Promise<number>;
}

/**
 * A durable queue of background jobs: a job stays until it is completed, so a crash or shutdown loses nothing. A worker claims a
 * job before running it; only the oldest job of a user is claimable, so a user's jobs run one at a time and in order.
 */
export interface WorkQueue {
  /** How long a claim holds without renewal before another worker may take the job over (Infinity: claims live in this process). */
  readonly leaseMs: number;
  /** Persists a job; returns it with its sequence number. */
  push(userId: string, kind: string, payload: unknown, at?: string): Promise<QueuedJob>;
  /** Claims the oldest claimable job of a kind for a worker, or undefined when none is free. */
  claim(kind: string, worker: string): Promise<QueuedJob | undefined>;
  /** Extends a worker's claim on a job; false when the job is gone or another worker took it over. */
  renew(seq: number, worker: string): Promise<boolean>;
  /** Gives a claimed job back to the queue (for the next worker or the next start). */
  release(seq: number, worker: string): Promise<void>;
  /** Every pending job, oldest first (optionally of one user). */
  pending(userId?: string): Promise<QueuedJob[]>;
  /** How many jobs are pending (optionally of one user), without reading them. */
  count(userId?: string): Promise<number>;
  /** Marks a job done by removing it; false when it was already gone (completed elsewhere or its user deleted). */
  complete(seq: number): Promise<boolean>;
  /** Drops every pending job of a user; returns how many. */
  deleteUser(userId: string): Promise<number>;
}

/** Memoria's own bookkeeping: memory history, user threads and the background queue, in SQLite (one process) or Postgres (replicas). */
export interface Ledger {
  kind: "sqlite" | "postgres";
  history: HistoryLog;
  threads: ThreadRegistry;
  queue: WorkQueue;
  /** Memory rows accepted but not yet written to Chroma (SQLite only: with Postgres, a single add goes straight to Chroma). */
  outbox?: WriteOutbox;
  /** The SQLite file (absent in Postgres). */
  path?: string;
  /** Makes deleted rows leave no copy behind (SQLite: moves the WAL into the zeroed file and empties it). */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
}
