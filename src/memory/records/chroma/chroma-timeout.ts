import type { ChromaClient } from "chromadb";
import { StorageTimeoutError } from "../../../config/errors.js";
import type { RequestGuard } from "./chroma-supervisor.js";
import { chromaHttpClient } from "./chroma-internals.js";

/** Default time a Chroma request may take before it fails with StorageTimeoutError. */
export const DEFAULT_CHROMA_TIMEOUT_MS = 15_000;

/**
 * Makes every HTTP request of this Chroma client (and of the collections it opens) abort after `timeoutMs`,
 * failing with StorageTimeoutError naming the request, so a frozen or unreachable server can never hang a caller.
 * With a guard (embedded Chroma), requests go to its current server and report whether they were answered.
 */
export function applyChromaTimeout(client: ChromaClient, timeoutMs: number, guard?: RequestGuard): ChromaClient {
  const api = chromaHttpClient(client);
  const inner = api.getConfig().fetch ?? ((request: Request) => fetch(request));
  api.setConfig({
    fetch: async (request) => {
      await guard?.before();
      let signal = AbortSignal.timeout(timeoutMs);
      const send = async () => inner(await moved(guard ? request.clone() : request, guard?.baseUrl(), signal));
      try {
        const response = await send().catch(async (error: unknown) => {
          if (signal.aborted || !(await guard?.restarted(error))) throw error;
          signal = AbortSignal.timeout(timeoutMs);
          return send();
        });
        guard?.after(true);
        return response;
      } catch (error) {
        guard?.after(false);
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

/** The request with a timeout signal, sent to `base` when the server has moved there since the client was made. */
async function moved(request: Request, base: string | undefined, signal: AbortSignal): Promise<Request> {
  const from = new URL(request.url);
  if (!base || new URL(base).origin === from.origin) return new Request(request, { signal });
  const body = request.body ? await request.arrayBuffer() : undefined;
  return new Request(new URL(from.pathname + from.search, base), { method: request.method, headers: request.headers, body, signal });
}
