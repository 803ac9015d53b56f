import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { MemoryApi } from "../memory/api/memory-api.js";
import type { MemoryRecord } from "../memory/types.js";
import type { RetrieveMemoriesDeps } from "../nodes/retrieve-memories.js";
import { AuthError, type Authenticate } from "./authenticate.js";
import { errorResponse, HttpError, parseOr400 } from "./http-errors.js";
import { previewPrompt } from "./prompt-preview.js";
import { serverThreadDeleter } from "./server-threads.js";
import { DeleteUserBodySchema, ListQuerySchema, MemoryIdSchema, PreviewBodySchema, SearchBodySchema } from "./route-schemas.js";
import { UserIdSchema } from "../memory/user-id.js";

/** The memoria instance the routes act on: its memory API and the stores tier A's retrieval reads. */
export interface RouteMemoria {
  api: MemoryApi;
  deps: RetrieveMemoriesDeps;
}

/** What the memory routes need: the memoria instance (opened on first use), and how a request's user is authenticated. */
export interface MemoryRoutesDeps {
  memoria: () => Promise<RouteMemoria>;
  authenticate: Authenticate;
}

type Env = { Variables: { userId: string } };

/** The header that names the user in local development mode (auth off); with auth on it must match the token's user. */
export const DEV_USER_HEADER = "x-memoria-user";

/** Whether a memory is current, superseded (validUntil set) or expired (its expiry passed). */
export function validityOf(m: MemoryRecord, now = Date.now()): "current" | "superseded" | "expired" {
  if (m.validUntil) return "superseded";
  const expiresAt = (m as { expiresAt?: string | null }).expiresAt;
  return expiresAt && Date.parse(expiresAt) <= now ? "expired" : "current";
}

const withValidity = (m: MemoryRecord) => ({ ...m, validity: validityOf(m) });

async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, "The request body must be JSON.");
  }
}

/** The user a request acts for: the token's user with auth on, else the X-Memoria-User header (local development only). */
async function requestUser(c: Context, authenticate: Authenticate): Promise<string> {
  const named = c.req.header(DEV_USER_HEADER);
  const fromToken = await authenticate(c.req.header("authorization"));
  if (fromToken !== undefined) {
    if (named !== undefined && named !== fromToken) throw new AuthError(403, "This token acts only for its own user.");
    return fromToken;
  }
  if (named === undefined) throw new AuthError(401, `Auth is off (local development): name the user in the ${DEV_USER_HEADER} header.`);
  return parseOr400(UserIdSchema, named, DEV_USER_HEADER);
}

/** The `/memoria/v1` routes: every one acts for the authenticated user only, and another user's ids read as missing (404). */
export function createMemoryRoutes(deps: MemoryRoutesDeps): Hono<Env> {
  const app = new Hono<Env>();
  app.onError((error, c) => errorResponse(c, error));
  app.use("*", bodyLimit({ maxSize: 16 * 2 ** 20, onError: (c) => c.json({ error: "The request body is over 16 MiB." }, 413) }));
  app.use("*", async (c, next) => {
    c.set("userId", await requestUser(c, deps.authenticate));
    await next();
  });
  const api = async () => (await deps.memoria()).api;
  const memoryId = (c: Context) => parseOr400(MemoryIdSchema, c.req.param("id"), "memory id");
  const mine = async (c: Context<Env>) => {
    const record = await (await api()).get(memoryId(c), { userId: c.var.userId });
    if (!record) throw new HttpError(404, `No memory with id ${memoryId(c)}.`);
    return record;
  };

  app.get("/me", (c) => c.json({ userId: c.var.userId }));
  app.get("/memories", async (c) => {
    const q = parseOr400(ListQuerySchema, c.req.query(), "query");
    const { subject, ...rest } = q;
    const page = await (await api()).list({ ...rest, userId: c.var.userId, filters: subject ? { subject } : undefined });
    return c.json({ ...page, items: page.items.map(withValidity) });
  });
  app.post("/memories/search", async (c) => {
    const body = parseOr400(SearchBodySchema, await jsonBody(c), "search");
    const hits = await (await api()).search(body.query, { ...body, userId: c.var.userId });
    return c.json({ results: hits.map((h) => ({ ...withValidity(h), score: h.score, why: h.why })) });
  });
  app.get("/memories/:id", async (c) => c.json(withValidity(await mine(c))));
  app.get("/memories/:id/history", async (c) => {
    const events = await (await api()).history(memoryId(c), { userId: c.var.userId });
    if (!events.length) throw new HttpError(404, `No memory with id ${memoryId(c)}.`);
    return c.json({ events });
  });
  app.patch("/memories/:id", async (c) => {
    const patch = await jsonBody(c);
    await mine(c);
    return c.json(withValidity(await (await api()).update(memoryId(c), patch as never, { userId: c.var.userId })));
  });
  app.delete("/memories/:id", async (c) => {
    if (!(await (await api()).delete(memoryId(c), { userId: c.var.userId }))) throw new HttpError(404, `No memory with id ${memoryId(c)}.`);
    return c.body(null, 204);
  });
  app.get("/entities", async (c) => c.json({ entities: await (await api()).entities(c.var.userId) }));
  app.get("/profile", async (c) => c.json({ profile: await (await api()).profile(c.var.userId) }));
  app.post("/prompt-preview", async (c) => {
    const { message } = parseOr400(PreviewBodySchema, await jsonBody(c), "preview");
    return c.json(await previewPrompt((await deps.memoria()).deps, c.var.userId, message));
  });
  app.get("/export", async (c) => {
    c.header("content-disposition", `attachment; filename="memoria-export.json"`);
    return c.json(await (await api()).export(c.var.userId));
  });
  app.post("/import", async (c) => c.json(await (await api()).import(c.var.userId, await jsonBody(c))));
  app.delete("/user", async (c) => {
    const { confirm } = parseOr400(DeleteUserBodySchema, await jsonBody(c), "deleteUser");
    if (confirm !== c.var.userId) throw new HttpError(400, "Send { confirm: <your own userId> } to delete all of your data.");
    return c.json(await (await api()).deleteUser(c.var.userId, { deleteThread: serverThreadDeleter(c) }));
  });
  return app;
}
