import type { ChromaClient } from "chromadb";
import { StorageTimeoutError } from "../../../config/errors.js";

type Fetch = (request: Request) => Promise<Response>;

interface ApiClient {
  getConfig(): { fetch?: Fetch };
  setConfig(config: { fetch: Fetch }): unknown;
}

/** Default time a Chroma request may take before it fails with StorageTimeoutError. */
export const DEFAULT_CHROMA_TIMEOUT_MS = 15_000;

/**
 * Makes every HTTP request of this Chroma client (and of the collections it opens) abort after `timeoutMs`,
 * failing with StorageTimeoutError naming the request, so a frozen or unreachable server can never hang a caller.
 */
export function applyChromaTimeout(client: ChromaClient, timeoutMs: number): ChromaClient {
  const api = (client as unknown as { apiClient: ApiClient }).apiClient;
  const inner = api.getConfig().fetch ?? ((request: Request) => fetch(request));
  api.setConfig({
    fetch: async (request) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        return await inner(new Request(request, { signal }));
      } catch (error) {
        if (!signal.aborted) throw error;
        const what = `${request.method} ${new URL(request.url).pathname}`;
        throw new StorageTimeoutError(`Chroma did not answer ${what} within ${timeoutMs} ms (MEMORIA_CHROMA_TIMEOUT_MS).`, {
          cause: error,
        });
      }
    },
  });
  return client;
}
