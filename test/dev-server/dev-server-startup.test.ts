import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/memory/records/chroma/free-port.js";
import { spawnDevServer, waitForLog, waitUntilUp, type DevServer } from "./dev-server-process.js";
import { startFakeOpenAI } from "./fake-openai-server.js";

let server: DevServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const runWait = (url: string, userId: string) =>
  fetch(`${url}/runs/wait`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      assistant_id: "memoria",
      input: { messages: [{ role: "user", content: "hello" }] },
      context: { userId, tier: "F" },
    }),
  }).then((res) => res.text());

describe("langgraphjs dev explains a graph it cannot run, and keeps listening", () => {
  it("without a chat model it prints the REPL's explanation at start, listens, fails each run with it, and still serves the memory API", async () => {
    server = await spawnDevServer({ MEMORIA_EMBEDDINGS: "hash" });
    await waitUntilUp(server, 45_000);
    const log = await waitForLog(server, "No chat model configured", 10_000);
    expect(log).toContain("memoria cannot start: No chat model configured. Set MEMORIA_CHAT_MODEL, for example:");
    expect(log).toContain("OPENAI_BASE_URL=http://localhost:11434/v1");
    const body = await runWait(server.url, "no-model-user");
    expect(body).toContain("ConfigError");
    expect(body).toContain("memoria cannot start: No chat model configured");
    const inspector = await fetch(`${server.url}/memoria/v1/memories`, { headers: { "x-memoria-user": "no-model-user" } });
    expect(inspector.status).toBe(200);
    expect(((await inspector.json()) as { total: number }).total).toBe(0);
    expect(server.process.exitCode).toBeNull();
  }, 60_000);

  it("with the model server down it names the server and how to start it, and listens", async () => {
    const closed = await freePort();
    server = await spawnDevServer({
      MEMORIA_EMBEDDINGS: "hash",
      MEMORIA_CHAT_MODEL: "openai:llama3.1",
      OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1`,
    });
    await waitUntilUp(server, 45_000);
    const log = await waitForLog(server, "is not reachable", 10_000);
    expect(log).toContain(`The chat model server at http://127.0.0.1:${closed}/v1 is not reachable (ECONNREFUSED)`);
    expect(log).toContain("Start it (for example `ollama serve`)");
  }, 60_000);

  it("when the model server stops after start, a run fails with the REPL's explanation", async () => {
    const fake = await startFakeOpenAI();
    server = await spawnDevServer({
      CHROMA_URL: inject("chromaUrl"),
      MEMORIA_COLLECTION_PREFIX: `down${randomUUID().replace(/-/g, "").slice(0, 10)}`,
      MEMORIA_EMBEDDINGS: "hash",
      MEMORIA_CHAT_MODEL: "openai:fake",
      OPENAI_BASE_URL: fake.baseUrl,
      OPENAI_API_KEY: "sk-fake",
    });
    await waitUntilUp(server, 45_000);
    await fake.close();
    const res = await fetch(`${server.url}/runs/wait`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        assistant_id: "memoria",
        input: { messages: [{ role: "user", content: "hello" }] },
        context: { userId: "down-user", tier: "F" },
      }),
    });
    const body = await res.text();
    expect(body).toContain("Could not reach the chat model (openai:fake)");
    expect(body).toContain("Is the model server running, and are MEMORIA_CHAT_MODEL / OPENAI_BASE_URL right?");
  }, 60_000);
});
