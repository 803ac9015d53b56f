import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, inject, it } from "vitest";
import { FIELD_LIMITS } from "../../src/memory/field-limits.js";
import { repoPath, spawnChat } from "../cli/spawn-chat.js";
import { tempDir } from "../helpers/stores.js";

const dataDir = tempDir();
const prefix = `mcp${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const clients: Client[] = [];

async function connect(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) => v !== undefined && !k.startsWith("MEMORIA_") && !k.startsWith("OPENAI_") && k !== "CHROMA_URL",
    ),
  ) as Record<string, string>;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", repoPath("test/cli/fixtures/scripted-mcp.ts"), ...args],
    cwd: repoPath("."),
    env: {
      ...base,
      CHROMA_URL: inject("chromaUrl"),
      MEMORIA_DATA_DIR: dataDir,
      MEMORIA_COLLECTION_PREFIX: prefix,
      MEMORIA_EMBEDDINGS: "hash",
      ...env,
    },
    stderr: "pipe",
  });
  const client = new Client({ name: "memoria-test", version: "1.0.0" });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>) => {
  const result = (await client.callTool({ name, arguments: args })) as { content: { type: string; text: string }[]; isError?: boolean };
  return { text: result.content.map((c) => c.text).join(""), isError: result.isError ?? false };
};

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe("memoria mcp over stdio with the MCP SDK client", () => {
  it("lists the four tools, saves, searches and forgets for the --user; MEMORIA_USER picks the user otherwise", async () => {
    const ana = await connect(["--user", "ana"]);
    const { tools } = await ana.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["forget_memory", "save_memory", "search_memory", "update_memory"]);
    expect(tools.every((t) => !JSON.stringify(t.inputSchema).includes("userId"))).toBe(true);
    const content = (name: string) =>
      (tools.find((t) => t.name === name)!.inputSchema.properties as Record<string, { maxLength?: number }>).content;
    expect([content("save_memory")!.maxLength, content("update_memory")!.maxLength]).toEqual([FIELD_LIMITS.content, FIELD_LIMITS.content]);

    const saved = await call(ana, "save_memory", { content: "I'm vegetarian, no fish please", userId: "ben" });
    expect(saved.text).toContain('"action":"ADD"');
    const id = (JSON.parse(saved.text) as { saved: { id: string }[] }).saved[0]!.id;
    expect((await call(ana, "search_memory", { query: "fish" })).text).toContain(
      '"kind":"fact","content":"User is vegetarian and avoids fish"',
    );

    const ben = await connect([], { MEMORIA_USER: "ben" });
    expect((await call(ben, "search_memory", { query: "vegetarian fish", userId: "ana" })).text).toBe('{"memories":[]}');
    expect(await call(ben, "forget_memory", { memoryId: id })).toEqual({ text: `No memory with id ${id}.`, isError: true });
    expect(await call(ben, "update_memory", { memoryId: id, content: "User eats fish" })).toMatchObject({ isError: true });
    expect((await call(ana, "search_memory", { query: "fish" })).text).toContain("User is vegetarian and avoids fish");

    expect((await call(ana, "forget_memory", { memoryId: id })).text).toContain('"forgotten"');
    expect((await call(ana, "search_memory", { query: "fish" })).text).toBe('{"memories":[]}');
  });

  it("refuses to start without a user and says how to give one", async () => {
    const proc = spawnChat("test/cli/fixtures/scripted-mcp.ts", [], { CHROMA_URL: inject("chromaUrl"), MEMORIA_DATA_DIR: dataDir });
    expect(await proc.exited).toBe(1);
    expect(proc.text()).toContain("memoria mcp needs a user: pass --user <id> or set MEMORIA_USER.");
  });
});
