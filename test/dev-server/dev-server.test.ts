import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/memory/store/chroma/free-port.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { tempDir, testConfig, testStores } from "../helpers/stores.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const DROP = /^(MEMORIA_|OPENAI_|CHROMA_URL$|LANGSMITH_|LANGCHAIN_)/;

let fake: FakeOpenAI;
let prefix = "";
let server: ChildProcess | undefined;
let api = "";
let log = "";

/** A copy of the repo's langgraph.json in a temp dir (so `.langgraph_api` and `.gitignore` edits land there), without the `.env` requirement. */
function tempLanggraphJson(dir: string): string {
  const target = relative(dir, join(repo, "src/graph/compiled.ts"));
  const storeDemo = relative(dir, join(repo, "test/dev-server/fixtures/store-graph.ts"));
  const file = join(dir, "langgraph.json");
  writeFileSync(file, JSON.stringify({ node_version: "20", graphs: { memoria: `${target}:graph`, "store-demo": `${storeDemo}:graph` }, env: {} }));
  return file;
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode != null) throw new Error(`dev server exited with ${server.exitCode}:\n${log}`);
    const ok = await fetch(`${url}/ok`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`dev server did not answer /ok within ${timeoutMs} ms:\n${log}`);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${await res.text()}\n${log}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const dir = tempDir("memoria-dev-server-");
  const port = await freePort();
  prefix = `dev${randomUUID().replace(/-/g, "").slice(0, 10)}`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROP.test(k)));
  server = spawn(
    process.execPath,
    [join(repo, "node_modules/.bin/langgraphjs"), "dev", "--no-browser", "--host", "127.0.0.1", "--port", String(port), "--config", tempLanggraphJson(dir)],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...env,
        LANGGRAPH_CLI_NO_ANALYTICS: "1",
        LANGSMITH_TRACING: "false",
        BROWSER: "none",
        CHROMA_URL: inject("chromaUrl"),
        MEMORIA_DATA_DIR: join(dir, "data"),
        MEMORIA_COLLECTION_PREFIX: prefix,
        MEMORIA_EMBEDDINGS: "hash",
        MEMORIA_CHAT_MODEL: "openai:fake",
        MEMORIA_EXTRACTION: "inline",
        OPENAI_BASE_URL: fake.baseUrl,
        OPENAI_API_KEY: "sk-fake",
      },
    },
  );
  const collect = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  server.stdout!.on("data", collect);
  server.stderr!.on("data", collect);
  api = `http://127.0.0.1:${port}`;
  await waitUntilUp(api, 60_000);
}, 90_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    const timer = setTimeout(() => server?.pid && process.kill(-server.pid, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // the whole process group is already gone
    }
  }
  await fake?.close();
});

interface Message {
  type: string;
  content: string;
}
interface Values {
  messages: Message[];
  memories: { content: string }[];
  entities: { name: string }[];
}

describe("langgraphjs dev serving the memoria graph (fake OpenAI-compatible model, real Chroma)", () => {
  it("runs two tier-A turns in a thread and keeps them in the thread state", async () => {
    const { thread_id } = await call<{ thread_id: string }>("POST", "/threads", {});
    const context = { userId: "dev-alice", tier: "A" };
    const turn = (content: string) =>
      call<Values>("POST", `/threads/${thread_id}/runs/wait`, { assistant_id: "memoria", input: { messages: [{ role: "user", content }] }, context });

    const first = await turn("I'm vegetarian and my sister Maya visits on Friday.");
    expect(first.messages.at(-1)).toMatchObject({ type: "ai", content: expect.stringMatching(/^Fake reply \d+ to: I'm vegetarian/) });
    const second = await turn("Any vegetarian dinner idea for Maya?");
    expect(second.memories.map((m) => m.content)).toContain("User is vegetarian");
    expect(second.entities.map((e) => e.name)).toContain("Maya");

    const state = await call<{ values: Values }>("GET", `/threads/${thread_id}/state`);
    expect(state.values.messages.map((m) => [m.type, m.content.replace(/\d+/, "N").trimEnd()])).toEqual([
      ["human", "I'm vegetarian and my sister Maya visits on Friday."],
      ["ai", "Fake reply N to: I'm vegetarian and my sister Maya visits"],
      ["human", "Any vegetarian dinner idea for Maya?"],
      ["ai", "Fake reply N to: Any vegetarian dinner idea for Maya?"],
    ]);
    expect(fake.structuredCalls).toEqual(expect.arrayContaining(["extract_memories", "extract_entities"]));
    const secondReplyPrompt = fake.requests.find((r) => !r.tools && !r.response_format && String(r.messages.at(-1)?.content).startsWith("Any vegetarian"));
    expect(String(secondReplyPrompt?.messages[0]?.content)).toContain("User is vegetarian");
  });

  it("streams only reply tokens in messages mode through @langchain/langgraph-sdk, while extraction still runs", async () => {
    const client = new Client({ apiUrl: api });
    const thread = await client.threads.create();
    const callsBefore = fake.structuredCalls.length;
    const chunks: { node: unknown; content: string; toolCalls: number }[] = [];
    const stream = client.runs.stream(thread.thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "I'm vegetarian, and Maya is my sister." }] },
      context: { userId: "dev-streamer", tier: "A" },
      streamMode: "messages-tuple",
    });
    for await (const event of stream) {
      if (event.event !== "messages") continue;
      const [message, metadata] = event.data as [{ content: unknown; tool_call_chunks?: unknown[]; tool_calls?: unknown[] }, Record<string, unknown>];
      chunks.push({ node: metadata.langgraph_node, content: String(message.content ?? ""), toolCalls: (message.tool_call_chunks?.length ?? 0) + (message.tool_calls?.length ?? 0) });
    }
    expect(chunks.length).toBeGreaterThan(3);
    expect(new Set(chunks.map((c) => c.node))).toEqual(new Set(["respond"]));
    expect(chunks.every((c) => c.toolCalls === 0 && !c.content.includes("{"))).toBe(true);
    expect(chunks.map((c) => c.content).join("").trimEnd()).toMatch(/^Fake reply \d+ to: I'm vegetarian, and Maya is my sister\.$/);
    expect(fake.structuredCalls.slice(callsBefore)).toEqual(expect.arrayContaining(["extract_memories", "extract_entities"]));
  });

  it("serves a user graph whose config.store is a pinned MemoriaStore: puts land in memoria's Chroma and search is hybrid", async () => {
    const run = async (thread: string, userId: string, content: string) => {
      const values = await call<{ messages: Message[] }>("POST", `/threads/${thread}/runs/wait`, { assistant_id: "store-demo", input: { messages: [{ role: "user", content }] }, context: { userId } });
      return values.messages.at(-1)!.content;
    };
    const t1 = (await call<{ thread_id: string }>("POST", "/threads", {})).thread_id;
    const t2 = (await call<{ thread_id: string }>("POST", "/threads", {})).thread_id;
    expect(await run(t1, "dev-store-ana", "remember my cat is called Miso")).toBe("Saved.");
    expect(await run(t2, "dev-store-ana", "what is my cat called?")).toBe("my cat is called Miso (score set)");
    expect(await run(t2, "dev-store-ben", "what is my cat called?")).toBe("Nothing known.");
    const stores = await testStores(new HashEmbeddings(), testConfig({ MEMORIA_COLLECTION_PREFIX: prefix }));
    try {
      expect((await stores.memory.list("dev-store-ana")).map((m) => m.content)).toEqual(["my cat is called Miso"]);
    } finally {
      await stores.close();
    }
  });

  it("refuses another user on a thread with ThreadOwnershipError and leaves the thread as it was", async () => {
    const { thread_id } = await call<{ thread_id: string }>("POST", "/threads", {});
    const run = (userId: string, content: string) =>
      fetch(`${api}/threads/${thread_id}/runs/wait`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ assistant_id: "memoria", input: { messages: [{ role: "user", content }] }, context: { userId, tier: "C" } }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }));
    expect((await run("dev-owner", "My bank PIN is 4711")).status).toBe(200);
    const requests = fake.requests.length;
    const intruder = await run("dev-intruder", "What is my PIN?");
    expect(intruder.body).toContain("ThreadOwnershipError");
    expect(intruder.body).not.toContain("4711");
    expect(fake.requests.length).toBe(requests);
    const state = await call<{ values: Values }>("GET", `/threads/${thread_id}/state`);
    expect(state.values.messages.map((m) => m.type)).toEqual(["human", "ai"]);
  });
});
