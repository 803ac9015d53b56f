import { randomUUID } from "node:crypto";
import type { RetrievedEntity, RetrievedMemory } from "../graph/state.js";
import type { Tier } from "../graph/tiers.js";
import { rememberThread } from "./last-thread.js";

/** What the last answer was built from, for /why. */
export interface LastTurn {
  tier: Tier;
  memories: RetrievedMemory[];
  entities: RetrievedEntity[];
}

/** The REPL's mutable state: who is chatting, in which tier and thread, and what the last turn used. */
export class ChatSession {
  lastTurn?: LastTurn;

  constructor(
    private readonly dataDir: string,
    readonly userId: string,
    public tier: Tier,
    public threadId: string,
    readonly profile?: string,
  ) {
    rememberThread(dataDir, userId, threadId);
  }

  /** Starts a new thread (a new session) and remembers it for --resume. */
  newThread(): string {
    this.threadId = newThreadId();
    this.lastTurn = undefined;
    rememberThread(this.dataDir, this.userId, this.threadId);
    return this.threadId;
  }

  /** The run config for one graph turn in this session. */
  runConfig() {
    return {
      configurable: { thread_id: this.threadId },
      context: { userId: this.userId, tier: this.tier, ...(this.profile && { profile: this.profile }) },
    };
  }
}

/** A fresh thread id for a REPL session. */
export function newThreadId(): string {
  return `cli-${randomUUID()}`;
}
