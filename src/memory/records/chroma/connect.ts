import { join } from "node:path";
import { ChromaClient } from "chromadb";
import { applyChromaTimeout, DEFAULT_CHROMA_TIMEOUT_MS } from "./chroma-timeout.js";
import { startChromaServer, waitForHeartbeat, type ChromaServer } from "./chroma-server.js";
import { ChromaSupervisor, type RequestGuard, type SupervisorOptions } from "./chroma-supervisor.js";
import { silentLogger, type Logger } from "../../../config/logger.js";

/** Where Chroma is: an external server URL, or a data directory whose embedded server (under dataDir/chroma) is started. */
export interface ChromaLocation {
  chromaUrl?: string;
  dataDir: string;
  /** Per-request timeout of the client (default DEFAULT_CHROMA_TIMEOUT_MS). */
  chromaTimeoutMs?: number;
  /** When an embedded Chroma that died or hung is restarted; never applies to an external one. */
  chromaRestart?: SupervisorOptions;
  /** Where restarts of the embedded Chroma are reported. */
  logger?: Logger;
}

/** A Chroma client and, when this process started it, the embedded server (stop it when done). */
export interface ChromaConnection {
  client: ChromaClient;
  url: string;
  server?: ChromaServer;
}

/** A client for a Chroma server URL. */
export function chromaClient(chromaUrl: string, timeoutMs: number = DEFAULT_CHROMA_TIMEOUT_MS, guard?: RequestGuard): ChromaClient {
  const url = new URL(chromaUrl);
  const client = new ChromaClient({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    ssl: url.protocol === "https:",
  });
  return applyChromaTimeout(client, timeoutMs, guard);
}

/**
 * Connects to Chroma: waits for an external server's heartbeat, or starts the embedded one under a supervisor that restarts
 * it when it dies or hangs; stops what it started on failure.
 */
export async function connectChroma(location: ChromaLocation): Promise<ChromaConnection> {
  if (!location.chromaUrl) {
    const start = { path: join(location.dataDir, "chroma") };
    const first = await startChromaServer(start);
    const supervisor = new ChromaSupervisor(first, start, location.logger ?? silentLogger, location.chromaRestart);
    const server: ChromaServer = {
      get pid() {
        return supervisor.current.pid;
      },
      get url() {
        return supervisor.current.url;
      },
      get port() {
        return supervisor.current.port;
      },
      stop: () => supervisor.stop(),
    };
    try {
      return { client: chromaClient(server.url, location.chromaTimeoutMs, supervisor), url: server.url, server };
    } catch (error) {
      await server.stop();
      throw error;
    }
  }
  await waitForHeartbeat(location.chromaUrl, undefined, 10_000);
  return { client: chromaClient(location.chromaUrl, location.chromaTimeoutMs), url: location.chromaUrl };
}
