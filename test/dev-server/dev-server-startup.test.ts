import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/memory/chroma/free-port.js";
import { spawnDevServer, waitForLog, type DevServer } from "./dev-server-process.js";

let server: DevServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("langgraphjs dev refuses to serve a graph it cannot run", () => {
  it("without a chat model it fails at start with the REPL's explanation", async () => {
    server = await spawnDevServer({ MEMORIA_EMBEDDINGS: "hash" });
    const log = await waitForLog(server, "No chat model configured", 45_000);
    expect(log).toContain("memoria cannot start: No chat model configured. Set MEMORIA_CHAT_MODEL, for example:");
    expect(log).toContain("OPENAI_BASE_URL=http://localhost:11434/v1");
    const ok = await fetch(`${server.url}/ok`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    expect(ok).toBe(false);
  }, 60_000);

  it("with the model server down it names the server and how to start it", async () => {
    const closed = await freePort();
    server = await spawnDevServer({ MEMORIA_EMBEDDINGS: "hash", MEMORIA_CHAT_MODEL: "openai:llama3.1", OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1` });
    const log = await waitForLog(server, "is not reachable", 45_000);
    expect(log).toContain(`The chat model server at http://127.0.0.1:${closed}/v1 is not reachable (ECONNREFUSED)`);
    expect(log).toContain("Start it (for example `ollama serve`)");
  }, 60_000);
});
