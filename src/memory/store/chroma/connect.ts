import { join } from "node:path";
import { ChromaClient } from "chromadb";
import { applyChromaTimeout, DEFAULT_CHROMA_TIMEOUT_MS } from "./chroma-timeout.js";
import { startChromaServer, waitForHeartbeat, type ChromaServer } from "./chroma-server.js";

/** Where Chroma is: an external server URL, or a data directory whose embedded server (under dataDir/chroma) is started. */
export interface ChromaLocation {
  chromaUrl?: string;
  dataDir: string;
  /** Per-request timeout of the client (default DEFAULT_CHROMA_TIMEOUT_MS). */
  chromaTimeoutMs?: number;
}

/** A Chroma client and, when this process started it, the embedded server (stop it when done). */
export interface ChromaConnection {
  client: ChromaClient;
  url: string;
  server?: ChromaServer;
}

/** A client for a Chroma server URL. */
export function chromaClient(chromaUrl: string, timeoutMs: number = DEFAULT_CHROMA_TIMEOUT_MS): ChromaClient {
  const url = new URL(chromaUrl);
  const client = new ChromaClient({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
    ssl: url.protocol === "https:",
  });
  return applyChromaTimeout(client, timeoutMs);
}

/** Connects to Chroma: waits for an external server's heartbeat, or starts the embedded one; stops what it started on failure. */
export async function connectChroma(location: ChromaLocation): Promise<ChromaConnection> {
  if (!location.chromaUrl) {
    const server = await startChromaServer({ path: join(location.dataDir, "chroma") });
    try {
      return { client: chromaClient(server.url, location.chromaTimeoutMs), url: server.url, server };
    } catch (error) {
      await server.stop();
      throw error;
    }
  }
  await waitForHeartbeat(location.chromaUrl, undefined, 10_000);
  return { client: chromaClient(location.chromaUrl, location.chromaTimeoutMs), url: location.chromaUrl };
}
