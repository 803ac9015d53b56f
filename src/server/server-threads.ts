import type { Context } from "hono";

interface ThreadOps {
  delete(threadId: string, auth: undefined): Promise<unknown>;
}

/**
 * Fenced adapter over @langchain/langgraph-api 2.x internals: the server puts its storage ops on every request's context as
 * `LANGGRAPH_OPS`. Returns a function that deletes one thread with its runs and checkpoints from the server's own stores
 * (the caller has checked ownership), or undefined outside a LangGraph server.
 */
export function serverThreadDeleter(c: Context): ((threadId: string) => Promise<void>) | undefined {
  const ops = (c.var as Record<string, unknown>).LANGGRAPH_OPS as { threads?: ThreadOps } | undefined;
  const threads = ops?.threads;
  if (typeof threads?.delete !== "function") return undefined;
  return async (threadId) => {
    await threads.delete(threadId, undefined).catch((error: unknown) => {
      if ((error as { status?: number }).status !== 404) throw error;
    });
  };
}
