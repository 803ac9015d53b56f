import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/memory/store/chroma/free-port.js";
import { tempDir } from "../helpers/stores.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const DROP = /^(MEMORIA_|OPENAI_|CHROMA_URL$|LANGSMITH_|LANGCHAIN_)/;

let fake: FakeOpenAI;
let server: ChildProcess | undefined;
let api = "";
let log = "";

/** A copy of the repo's langgraph.json in a temp dir (so `.langgraph_api` and `.gitignore` edits land there), without the `.env` requirement. */
function tempLanggraphJson(dir: string): string {
  const target = relative(dir, join(repo, "src/graph/compiled.ts"));
  const file = join(dir, "langgraph.json");
  writeFileSync(file, JSON.stringify({ node_version: "20", graphs: { memoria: `${target}:graph` }, env: {} }));
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
        MEMORIA_COLLECTION_PREFIX: `dev${randomUUID().replace(/-/g, "").slice(0, 10)}`,
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
});
