import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnDevServer, waitUntilUp, type DevServer } from "./dev-server-process.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server.js";

let server: DevServer | undefined;
let fake: FakeOpenAI | undefined;

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

/** PIDs of running (not zombie) processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      return cmdline.includes(text) && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z" ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

describe("npm run dev's launcher on Ctrl-C", () => {
  it("closes memoria and its embedded Chroma, exits 0, and nothing is force-killed", async () => {
    fake = await startFakeOpenAI();
    server = await spawnDevServer(
      { MEMORIA_EMBEDDINGS: "hash", MEMORIA_CHAT_MODEL: "openai:fake", OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: "sk-fake" },
      {},
      true,
    );
    await waitUntilUp(server, 60_000);
    const res = await fetch(`${server.url}/runs/wait`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        assistant_id: "memoria",
        input: { messages: [{ role: "user", content: "I'm vegetarian." }] },
        context: { userId: "ctrl-c-user", tier: "A" },
      }),
    });
    expect(await res.text()).toContain("Fake reply");
    const chromaData = join(server.dir, "data", "chroma");
    expect(processesMentioning(chromaData)).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => server!.process.once("exit", (code) => resolve(code)));
    process.kill(-server.process.pid!, "SIGINT");
    expect(await exited).toBe(0);
    expect(server.log()).not.toMatch(/Force killing|did not stop/);
    expect(processesMentioning(chromaData)).toEqual([]);
    expect(processesMentioning(server.dir)).toEqual([]);
  }, 120_000);
});
