import { ChromaUnavailableError } from "../../../config/errors.js";
import type { Logger } from "../../../config/logger.js";
import { startChromaServer, waitForHeartbeat, type ChromaServer, type StartChromaOptions } from "./chroma-server.js";

/** How chromadb's fetch reports a connection it could not make or lost (it keeps no cause). */
const CONNECTION_FAILED = /^ChromaConnectionError$/;

/** How long a refused request waits for the server's death to be noticed before it fails. */
const REFUSED_GRACE_MS = 2_000;

/** When the supervisor of an embedded Chroma restarts it. */
export interface SupervisorOptions {
  /** Consecutive failed requests (timeouts, refused connections) after which the heartbeat is checked (default 2). */
  failuresBeforeCheck?: number;
  /** How long the heartbeat check waits (default 5 s). */
  heartbeatTimeoutMs?: number;
  /** How long a restart may take to answer its heartbeat before Chroma is reported unavailable (default 30 s). */
  startTimeoutMs?: number;
  /** After a failed restart, how long requests fail with ChromaUnavailableError before another restart is tried (default 30 s). */
  retryRestartMs?: number;
}

/** Hooks the Chroma client's fetch calls around each request. */
export interface RequestGuard {
  /** Waits for a restart in progress, or throws ChromaUnavailableError when Chroma could not be restarted. */
  before(): Promise<void>;
  /** Records whether the request got an answer. */
  after(answered: boolean): void;
  /** The base URL requests go to now (a restart may have moved the server). */
  baseUrl(): string;
  /** After a failed connection: waits for the restart of a server that has just died, and says whether to resend. */
  restarted(error: unknown): Promise<boolean>;
}

/**
 * Keeps an embedded Chroma running: restarts it on the same data path (and port when free) when its process ends, or when
 * requests keep failing and its heartbeat does not answer; logs a warning naming the cause. When the restart fails too,
 * every request fails with ChromaUnavailableError until a later restart succeeds.
 */
export class ChromaSupervisor implements RequestGuard {
  private failures = 0;
  private recovering?: Promise<void>;
  private broken?: { error: ChromaUnavailableError; at: number; cause: string };
  private stopped = false;

  constructor(
    private server: ChromaServer,
    private readonly start: StartChromaOptions,
    private readonly logger: Logger,
    private readonly options: SupervisorOptions = {},
  ) {
    this.watch(server);
  }

  /** The server running now (its pid and URL change on restart). */
  get current(): ChromaServer {
    return this.server;
  }

  async before(): Promise<void> {
    if (this.recovering) await this.recovering;
    if (!this.broken) return;
    if (Date.now() - this.broken.at < (this.options.retryRestartMs ?? 30_000)) throw this.broken.error;
    await this.recover(this.broken.cause);
    if (this.broken) throw this.broken.error;
  }

  after(answered: boolean): void {
    if (answered) {
      this.failures = 0;
      return;
    }
    if (this.stopped || this.recovering || ++this.failures < (this.options.failuresBeforeCheck ?? 2)) return;
    void this.recover();
  }

  baseUrl(): string {
    return this.server.url;
  }

  async restarted(error: unknown): Promise<boolean> {
    if (!CONNECTION_FAILED.test((error as Error).name ?? "")) return false;
    const deadline = Date.now() + REFUSED_GRACE_MS;
    while (!this.recovering && !this.stopped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (!this.recovering) return false;
    await this.recovering;
    return !this.broken && !this.stopped;
  }

  /** Stops the server for good (no more restarts). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.recovering;
    await this.server.stop();
  }

  private watch(server: ChromaServer): void {
    void server.exited?.then(({ how, stderr }) => {
      if (this.stopped || this.server !== server) return;
      void this.recover(`chroma ${how}` + (stderr.length ? ` (its stderr says: ${stderr.join(" | ")})` : ""));
    });
  }

  private recover(cause?: string): Promise<void> {
    return (this.recovering ??= this.check(cause).finally(() => (this.recovering = undefined)));
  }

  private async check(cause?: string): Promise<void> {
    if (!cause) {
      const failures = this.failures;
      try {
        await waitForHeartbeat(this.server.url, undefined, this.options.heartbeatTimeoutMs ?? 5_000);
        this.failures = 0;
        return;
      } catch {
        cause = `did not answer ${failures} requests in a row nor its heartbeat`;
      }
    }
    if (this.stopped) return;
    const old = this.server;
    this.logger.warn(`The embedded Chroma at ${old.url} (data in ${this.start.path}) ${cause}; restarting it.`);
    await old.kill?.();
    try {
      this.server = await this.startAgain(old.port);
      this.broken = undefined;
      this.failures = 0;
      this.watch(this.server);
      this.logger.info(`The embedded Chroma was restarted at ${this.server.url}.`);
    } catch (error) {
      const message =
        `The embedded Chroma (data in ${this.start.path}) ${cause}, and could not be restarted: ${(error as Error).message}. ` +
        `Fix the cause (free disk space, check the data directory), then close and reopen memoria; another restart is tried in ` +
        `${Math.round((this.options.retryRestartMs ?? 30_000) / 1000)} s.`;
      this.broken = { error: new ChromaUnavailableError(message, { cause: error }), at: Date.now(), cause };
      this.logger.warn(message);
    }
  }

  private async startAgain(port: number): Promise<ChromaServer> {
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    try {
      return await startChromaServer({ ...this.start, port, timeoutMs });
    } catch (error) {
      if (!/address|in use|bind/i.test((error as Error).message)) throw error;
      return startChromaServer({ ...this.start, port: undefined, timeoutMs });
    }
  }
}
