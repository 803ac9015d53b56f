import { Client } from "@langchain/langgraph-sdk";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawnDevServer, waitUntilUp, type DevServer } from "./dev-server-process.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server.js";

const ALICE = "alice-token-0123456789";
const BOB = "bob-token-0123456789ab";
const SECRET = "a-jwt-secret-of-at-least-32-characters!";
let fake: FakeOpenAI;
let server: DevServer | undefined;
const as = (token?: string) => new Client({ apiUrl: server!.url, defaultHeaders: token ? { authorization: `Bearer ${token}` } : {} });
const raw = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server!.url}${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status ?? -1,
  );

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await spawnDevServer({
    CHROMA_URL: inject("chromaUrl"),
    MEMORIA_COLLECTION_PREFIX: `auth${randomUUID().replace(/-/g, "").slice(0, 10)}`,
    MEMORIA_EMBEDDINGS: "hash",
    MEMORIA_CHAT_MODEL: "openai:fake",
    MEMORIA_EXTRACTION: "inline",
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: "sk-fake",
    MEMORIA_HTTP_TOKENS: `${ALICE}:alice,${BOB}:bob`,
    MEMORIA_JWT_SECRET: SECRET,
  });
  await waitUntilUp(server, 90_000);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

describe("langgraphjs dev with auth on (MEMORIA_HTTP_TOKENS, MEMORIA_JWT_SECRET)", () => {
  it("answers 401 without a token, and the Studio header does not bypass it", async () => {
    expect((await raw("/threads", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await raw("/threads/search", { method: "POST", body: "{}" })).status).toBe(401);
    expect((await raw("/threads", { method: "POST", body: "{}", headers: { "x-auth-scheme": "langsmith" } })).status).toBe(401);
    expect((await raw("/threads", { method: "POST", body: "{}", token: "not-a-known-token-at-all" })).status).toBe(401);
    expect((await raw("/memoria/v1/memories")).status).toBe(401);
    const page = await raw("/memoria/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("memoria inspector");
  });

  it("runs as the token's user, and another token can neither read, list, update, delete nor run the thread", async () => {
    const alice = as(ALICE);
    const bob = as(BOB);
    const thread = await alice.threads.create();
    const values = (await alice.runs.wait(thread.thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "I'm vegetarian and my PIN is 4711." }] },
      context: { tier: "A" },
    })) as { messages: { content: string }[] };
    expect(values.messages.at(-1)?.content).toMatch(/^Fake reply/);
    expect(thread.metadata).toMatchObject({ owner: "alice" });

    expect(await status(bob.threads.get(thread.thread_id))).toBe(404);
    expect(await status(bob.threads.getState(thread.thread_id))).toBe(404);
    expect(await status(bob.threads.getHistory(thread.thread_id))).toBe(404);
    expect(await status(bob.threads.update(thread.thread_id, { metadata: { owner: "bob" } }))).toBe(404);
    expect(await status(bob.threads.delete(thread.thread_id))).toBe(404);
    const requests = fake.requests.length;
    const bobRun = bob.runs.wait(thread.thread_id, "memoria", { input: { messages: [{ role: "user", content: "What is my PIN?" }] } });
    expect([403, 404]).toContain(await status(bobRun));
    expect(fake.requests.length).toBe(requests);
    expect((await bob.threads.search()).map((t) => t.thread_id)).not.toContain(thread.thread_id);
    expect((await alice.threads.search()).map((t) => t.thread_id)).toContain(thread.thread_id);
    const state = await alice.threads.getState<{ messages: unknown[] }>(thread.thread_id);
    expect(state.values.messages).toHaveLength(2);

    const aliceMemories = (await (await raw("/memoria/v1/memories", { token: ALICE })).json()) as {
      items: { id: string; content: string }[];
    };
    expect(aliceMemories.items.map((m) => m.content)).toContain("User is vegetarian");
    const bobMemories = await (await raw("/memoria/v1/memories", { token: BOB })).text();
    expect(bobMemories).not.toContain("vegetarian");
    expect((await raw(`/memoria/v1/memories/${aliceMemories.items[0]!.id}`, { token: BOB })).status).toBe(404);
  });

  it("refuses with 403 a run that names another userId, in context or in configurable, before any model call", async () => {
    const alice = as(ALICE);
    const thread = await alice.threads.create();
    const requests = fake.requests.length;
    const input = { messages: [{ role: "user", content: "Tell me bob's secrets." }] };
    expect(await status(alice.runs.wait(thread.thread_id, "memoria", { input, context: { userId: "bob" } }))).toBe(403);
    expect(await status(alice.runs.wait(thread.thread_id, "memoria", { input, config: { configurable: { userId: "bob" } } }))).toBe(403);
    expect(await status(alice.runs.wait(null, "memoria", { input, context: { userId: "bob" } }))).toBe(403);
    expect(fake.requests.length).toBe(requests);
    expect((await raw("/memoria/v1/memories", { token: ALICE, headers: { "x-memoria-user": "bob" } })).status).toBe(403);
  });

  it("keeps the server's store to namespaces under the token's user, and assistants read-only", async () => {
    const put = (token: string, namespace: string[]) =>
      raw("/store/items", { method: "PUT", token, body: JSON.stringify({ namespace, key: "k", value: { note: "private" } }) });
    expect((await put(ALICE, ["alice", "notes"])).status).toBe(204);
    expect((await put(BOB, ["alice", "notes"])).status).toBe(403);
    const bobGet = await raw("/store/items?namespace=alice.notes&key=k", { token: BOB });
    expect(bobGet.status).toBe(403);
    expect(await bobGet.text()).not.toContain("private");
    expect(await status(as(ALICE).store.getItem(["alice", "notes"], "k"))).toBe(200);
    expect((await as(BOB).assistants.search()).map((a) => a.graph_id)).toContain("memoria");
    expect(await status(as(BOB).assistants.create({ graphId: "memoria", config: { configurable: { userId: "alice" } } }))).toBe(403);
  });

  it("accepts an HS256 JWT whose sub is the user, and refuses an expired or wrongly signed one", async () => {
    const sign = (secret: string, expires: string | number) =>
      new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("carol")
        .setExpirationTime(expires)
        .sign(new TextEncoder().encode(secret));
    const me = await raw("/memoria/v1/me", { token: await sign(SECRET, "5m") });
    expect(await me.json()).toEqual({ userId: "carol" });
    expect((await raw("/memoria/v1/me", { token: await sign(SECRET, Math.floor(Date.now() / 1000) - 60) })).status).toBe(401);
    expect((await raw("/memoria/v1/me", { token: await sign("another-secret-of-at-least-32-chars!!", "5m") })).status).toBe(401);
    const carol = as(await sign(SECRET, "5m"));
    const thread = await carol.threads.create();
    expect(thread.metadata).toMatchObject({ owner: "carol" });
    expect(await status(as(ALICE).threads.get(thread.thread_id))).toBe(404);
  });

  it("deleteUser through the memory API removes the user's server threads too", async () => {
    const bob = as(BOB);
    const thread = await bob.threads.create();
    await bob.runs.wait(thread.thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "I'm vegetarian." }] },
      context: { tier: "C" },
    });
    expect((await raw("/memoria/v1/user", { method: "DELETE", token: BOB, body: JSON.stringify({ confirm: "alice" }) })).status).toBe(400);
    const res = await raw("/memoria/v1/user", { method: "DELETE", token: BOB, body: JSON.stringify({ confirm: "bob" }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ threads: 1 });
    expect(await status(bob.threads.get(thread.thread_id))).toBe(404);
    expect((await as(ALICE).threads.search()).length).toBeGreaterThan(0);
  });
});
