import { Auth, HTTPException } from "@langchain/langgraph-sdk/auth";
import { AuthError, type Authenticate } from "./authenticate.js";

/** The thread metadata key that names a thread's owner, stamped at creation. */
export const OWNER_KEY = "owner";

const ANONYMOUS = { identity: "anonymous", is_authenticated: false, permissions: [] as string[] };
const LOCAL_DEV = { identity: "local-dev", is_authenticated: true, permissions: [] as string[] };

/** Paths that answer without a token: the health check, and the inspector and memory API, which check tokens themselves. */
const isPublic = (method: string, path: string): boolean =>
  path.startsWith("/memoria/") || path === "/memoria" || ((method === "GET" || method === "HEAD") && path === "/ok");

const refuse = (status: 401 | 403 | 404, message: string) => new HTTPException(status, { message });

const userIdsOf = (kwargs: Record<string, unknown>): unknown[] => {
  const context = kwargs.context as Record<string, unknown> | undefined | null;
  const configurable = (kwargs.config as { configurable?: Record<string, unknown> } | undefined)?.configurable;
  return [context?.userId, configurable?.userId].filter((u) => u !== undefined);
};

/**
 * The LangGraph server auth (langgraph.json `auth.path`): the bearer token's user is the memoria userId; threads are stamped
 * with their owner and filtered on every read, search, update, delete and run; a run naming another userId is refused with 403
 * and a run naming none runs as the token's user. With auth off (local development) every request passes as before.
 */
export function createLanggraphAuth(authenticate: Authenticate, enabled: boolean) {
  const owned = (identity: string) => ({ [OWNER_KEY]: identity });
  const who = (user: { identity: string; is_authenticated: boolean }): string => {
    if (!user.is_authenticated) throw refuse(401, "Send Authorization: Bearer <token>.");
    return user.identity;
  };
  return new Auth()
    .authenticate(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (!enabled) return LOCAL_DEV;
      if (isPublic(request.method, path)) return ANONYMOUS;
      try {
        const identity = await authenticate(request.headers.get("authorization"));
        return { identity: identity!, is_authenticated: true, permissions: [] };
      } catch (error) {
        if (error instanceof AuthError) throw refuse(error.status, error.message);
        throw error;
      }
    })
    .on("*", ({ user }) => {
      if (!enabled) return;
      if (!user.is_authenticated) throw refuse(401, "Send Authorization: Bearer <token>.");
      throw refuse(403, "This server lets a token act on its own threads and runs only.");
    })
    .on("assistants:read", () => undefined)
    .on("assistants:search", () => undefined)
    .on("threads:create", ({ user, value }) => {
      if (!enabled) return;
      value.metadata = { ...(value.metadata ?? {}), [OWNER_KEY]: who(user) };
      return owned(user.identity);
    })
    .on("threads:create_run", ({ user, value }) => {
      if (!enabled) return;
      const me = who(user);
      if (userIdsOf(value.kwargs).some((u) => u !== me))
        throw refuse(403, "A run acts for its token's user only: leave userId out, or name your own.");
      value.kwargs.context = { ...((value.kwargs.context as object | null) ?? {}), userId: user.identity };
      value.metadata = { ...(value.metadata ?? {}), [OWNER_KEY]: user.identity };
      return owned(user.identity);
    })
    .on("threads:update", ({ user, value }) => {
      if (!enabled) return;
      if (value.metadata) value.metadata = { ...value.metadata, [OWNER_KEY]: who(user) };
      return owned(user.identity);
    })
    .on("threads:read", ({ user }) => (enabled ? owned(who(user)) : undefined))
    .on("threads:search", ({ user }) => (enabled ? owned(who(user)) : undefined))
    .on("threads:delete", ({ user }) => (enabled ? owned(who(user)) : undefined))
    .on("store", ({ user, value }) => {
      if (!enabled) return;
      const namespace = (value as { namespace?: string[] | null }).namespace;
      if (namespace?.[0] !== who(user)) throw refuse(403, "Store namespaces start with the token's user: [userId, ...].");
    });
}
