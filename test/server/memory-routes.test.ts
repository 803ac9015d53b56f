import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { httpAuthConfig } from "../../src/config/http-auth.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { createAuthenticator } from "../../src/server/authenticate.js";
import { createMemoriaHttpApp } from "../../src/server/http-app.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const ALICE = "alice-token-0123456789";
const BOB = "bob-token-0123456789ab";
let memoria: Memoria;
let app: ReturnType<typeof createMemoriaHttpApp>;
let veg = "";
let pin = "";

interface Memory {
  id: string;
  content: string;
  validity: string;
  category: string;
  importance: number;
}

async function call(token: string | undefined, method: string, path: string, body?: unknown, raw?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await app.fetch(
    new Request(`http://memoria.test/memoria/v1${path}`, {
      method,
      headers,
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    }),
  );
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
const as = (token: string) => ({
  get: (path: string) => call(token, "GET", path),
  post: (path: string, body?: unknown, raw?: string) => call(token, "POST", path, body, raw),
  patch: (path: string, body: unknown) => call(token, "PATCH", path, body),
  del: (path: string, body?: unknown) => call(token, "DELETE", path, body),
});
const alice = as(ALICE);
const bob = as(BOB);
const LONG_ID = "x".repeat(201);

beforeAll(async () => {
  memoria = await createMemoria({ config: testConfig(), chatModel: scriptedMemoryModel([]), embedder: new HashEmbeddings() });
  const auth = httpAuthConfig({ tokens: `${ALICE}:alice,${BOB}:bob`, userClaim: "sub" });
  app = createMemoriaHttpApp({ memoria: async () => memoria, authenticate: createAuthenticator(auth) });
  const add = async (text: string, category: string) =>
    (await memoria.api.add(text, { userId: "alice", infer: false, metadata: { category, importance: 0.8 } }))[0]!.id!;
  veg = await add("User is vegetarian and avoids fish", "food");
  pin = await add("User's bank PIN is 4711", "personal");
  await memoria.stores.entities.merge("alice", [{ name: "Maya", kind: "person", attributes: { relation: "sister", job: "nurse" } }]);
});
afterAll(() => memoria?.close());

describe("/memoria/v1 over real Chroma, through app.fetch", () => {
  it("GET /me names the token's user; no token is 401, a header naming another user 403", async () => {
    expect((await alice.get("/me")).json).toEqual({ userId: "alice" });
    const none = await call(undefined, "GET", "/me");
    expect(none.status).toBe(401);
    expect(none.json.error).toContain("Authorization: Bearer");
    const res = await app.fetch(
      new Request("http://memoria.test/memoria/v1/me", { headers: { authorization: `Bearer ${ALICE}`, "x-memoria-user": "bob" } }),
    );
    expect(res.status).toBe(403);
  });

  it("GET /memories pages the user's memories with validity; bad query is 400; bob sees none of alice's", async () => {
    const page = await alice.get("/memories?limit=1");
    expect(page.json).toMatchObject({ total: 2, nextOffset: 1 });
    expect((page.json.items as Memory[])[0]).toMatchObject({ validity: "current" });
    const food = await alice.get("/memories?category=food");
    expect((food.json.items as Memory[]).map((m) => m.content)).toEqual(["User is vegetarian and avoids fish"]);
    expect((await alice.get("/memories?limit=0")).status).toBe(400);
    const unknown = await alice.get("/memories?owner=bob");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toContain("owner");
    const theirs = await bob.get("/memories");
    expect(theirs.json).toMatchObject({ items: [], total: 0 });
  });

  it("POST /memories/search returns scores and why; an empty query is 400; bob finds nothing of alice's", async () => {
    const found = await alice.post("/memories/search", { query: "is the user vegetarian?" });
    const top = (found.json.results as (Memory & { score: number; why: string })[])[0]!;
    expect(top).toMatchObject({ id: veg, validity: "current" });
    expect(top.score).toBeGreaterThan(0);
    expect(top.why).toMatch(/vegetarian/);
    const empty = await alice.post("/memories/search", { query: "  " });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toContain("query must be a non-empty text");
    expect((await alice.post("/memories/search", undefined, "{not json")).status).toBe(400);
    expect((await alice.post("/memories/search", { query: "x", filters: { owner: "bob" } })).status).toBe(400);
    const theirs = await bob.post("/memories/search", { query: "vegetarian PIN 4711" });
    expect(theirs.json).toEqual({ results: [] });
  });

  it("GET /memories/:id and its history; a too long id is 400; another user's id is 404 with nothing leaked", async () => {
    expect((await alice.get(`/memories/${pin}`)).json).toMatchObject({ content: "User's bank PIN is 4711" });
    const history = await alice.get(`/memories/${pin}/history`);
    expect((history.json.events as { action: string }[]).map((e) => e.action)).toEqual(["ADD"]);
    expect((await alice.get(`/memories/${LONG_ID}`)).status).toBe(400);
    expect((await alice.get(`/memories/${LONG_ID}/history`)).status).toBe(400);
    for (const path of [`/memories/${pin}`, `/memories/${pin}/history`]) {
      const theirs = await bob.get(path);
      expect(theirs.status).toBe(404);
      expect(theirs.text).not.toContain("4711");
    }
  });

  it("PATCH /memories/:id edits; a bad patch is 400 with the zod message; bob's patch is 404 and changes nothing", async () => {
    const edited = await alice.patch(`/memories/${veg}`, { content: "User is vegan", importance: 0.9 });
    expect(edited.json).toMatchObject({ content: "User is vegan", importance: 0.9 });
    const bad = await alice.patch(`/memories/${veg}`, { importance: 2 });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/importance/);
    expect((await alice.patch(`/memories/${veg}`, { owner: "bob" })).status).toBe(400);
    const theirs = await bob.patch(`/memories/${veg}`, { content: "hacked" });
    expect(theirs.status).toBe(404);
    expect((await memoria.api.get(veg, { userId: "alice" }))?.content).toBe("User is vegan");
    const history = await alice.get(`/memories/${veg}/history`);
    expect((history.json.events as { action: string }[]).map((e) => e.action)).toEqual(["ADD", "UPDATE"]);
  });

  it("GET /entities and /profile show the user's own; bob's are empty", async () => {
    expect((await alice.get("/entities")).json.entities).toEqual([expect.objectContaining({ name: "Maya", kind: "person" })]);
    expect((await bob.get("/entities")).json).toEqual({ entities: [] });
    expect((await alice.get("/profile")).json.profile).toContain("4711");
    expect((await bob.get("/profile")).text).not.toContain("4711");
  });

  it("POST /prompt-preview renders tier A's prompt without a model call; empty message is 400; bob's prompt holds nothing of alice", async () => {
    const model = memoria.deps.chatModel as unknown as { log: { calls: unknown[] } };
    const calls = model.log.calls.length;
    const preview = await alice.post("/prompt-preview", { message: "What should I cook for Maya?" });
    expect(preview.json.prompt).toContain("<known_entities>");
    expect(preview.json.prompt).toContain("Maya");
    expect(preview.json.prompt).toContain("User is vegan");
    expect(preview.json.tokens).toBeGreaterThan(20);
    expect(model.log.calls.length).toBe(calls);
    expect((await memoria.api.get(veg, { userId: "alice" }))?.lastAccessedAt).toBeNull();
    expect((await alice.post("/prompt-preview", { message: "" })).status).toBe(400);
    const theirs = await bob.post("/prompt-preview", { message: "What should I cook for Maya? vegan 4711" });
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toMatch(/User is vegan|4711|nurse/);
  });

  it("GET /export and POST /import: bob imports alice's export as his own copy; a bad import is 400 and adds nothing", async () => {
    const exported = await alice.get("/export");
    expect(exported.json).toMatchObject({ format: "memoria-export", userId: "alice" });
    expect((await bob.get("/export")).json).toMatchObject({ userId: "bob", memories: [], entities: [] });
    const bad = await bob.post("/import", { format: "something-else" });
    expect(bad.status).toBe(400);
    expect((await bob.get("/memories")).json.total).toBe(0);
    const imported = await bob.post("/import", exported.json);
    expect(imported.status).toBe(200);
    const bobs = (await bob.get("/memories")).json.items as Memory[];
    expect(bobs.map((m) => m.content).sort()).toEqual(["User is vegan", "User's bank PIN is 4711"]);
    expect(bobs.map((m) => m.id)).not.toContain(pin);
    expect((await alice.get(`/memories/${pin}`)).status).toBe(200);
  });

  it("DELETE /memories/:id forgets only the user's own; DELETE /user needs the user's own id and erases only that user", async () => {
    expect((await bob.del(`/memories/${pin}`)).status).toBe(404);
    expect((await alice.del(`/memories/${LONG_ID}`)).status).toBe(400);
    expect((await alice.get(`/memories/${pin}`)).status).toBe(200);
    expect((await alice.del(`/memories/${pin}`)).status).toBe(204);
    expect((await alice.get(`/memories/${pin}`)).status).toBe(404);
    expect((await alice.get("/memories")).text).not.toContain("4711");
    expect((await alice.post("/memories/search", { query: "bank PIN 4711" })).text).not.toContain("4711");
    expect((await alice.get(`/memories/${pin}/history`)).text).not.toContain("4711");

    expect((await bob.del("/user", { confirm: "alice" })).status).toBe(400);
    expect((await bob.del("/user", {})).status).toBe(400);
    const erased = await bob.del("/user", { confirm: "bob" });
    expect(erased.json).toMatchObject({ memories: 2 });
    expect((await bob.get("/memories")).json.total).toBe(0);
    expect((await alice.get("/memories")).json.total).toBe(1);
  });

  it("serves the inspector page, its assets and the OpenAPI description without a token", async () => {
    const page = await app.fetch(new Request("http://memoria.test/memoria/"));
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('src="/memoria/assets/inspector.js"');
    expect((await app.fetch(new Request("http://memoria.test/memoria"))).status).toBe(308);
    const script = await app.fetch(new Request("http://memoria.test/memoria/assets/inspector.js"));
    expect(script.headers.get("content-type")).toContain("javascript");
    const spec = (await (await app.fetch(new Request("http://memoria.test/memoria/v1/openapi.json"))).json()) as { paths: object };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/memories",
        "/memories/search",
        "/memories/{id}",
        "/memories/{id}/history",
        "/prompt-preview",
        "/export",
        "/import",
        "/user",
      ]),
    );
  });

  it("with auth off (local development) acts for the X-Memoria-User header, and asks for it when missing", async () => {
    const dev = createMemoriaHttpApp({
      memoria: async () => memoria,
      authenticate: createAuthenticator(httpAuthConfig({ userClaim: "sub" })),
    });
    const me = await dev.fetch(new Request("http://memoria.test/memoria/v1/memories", { headers: { "x-memoria-user": "alice" } }));
    expect(((await me.json()) as { total: number }).total).toBe(1);
    const none = await dev.fetch(new Request("http://memoria.test/memoria/v1/memories"));
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toContain("x-memoria-user");

    const unconfigured = createMemoriaHttpApp({
      memoria: () => Promise.reject(new ConfigError("No chat model configured. Set MEMORIA_CHAT_MODEL.")),
      authenticate: createAuthenticator(httpAuthConfig({ userClaim: "sub" })),
    });
    const res = await unconfigured.fetch(
      new Request("http://memoria.test/memoria/v1/memories", { headers: { "x-memoria-user": "alice" } }),
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toContain("MEMORIA_CHAT_MODEL");
  });
});
