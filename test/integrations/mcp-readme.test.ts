import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { describe, expect, it } from "vitest";
import { openLedger } from "../../src/memory/ledger/open-ledger.js";
import { repoPath } from "../cli/spawn-chat.js";
import { tempDir } from "../helpers/stores.js";

interface ServerEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The memoria entry of the README's MCP client JSON, exactly as a user would paste it. */
function readmeServer(): ServerEntry {
  const blocks = [...readFileSync(repoPath("README.md"), "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const block = blocks.find((b) => b.includes("mcpServers"));
  if (!block) throw new Error("README.md has no MCP JSON block");
  return (JSON.parse(block) as { mcpServers: { memoria: ServerEntry } }).mcpServers.memoria;
}

/** A user's project where memoria is installed, its bin running this checkout's source. */
function installedProject(): string {
  const cwd = tempDir("memoria-mcp-project-");
  const pkg = join(cwd, "node_modules", "memoria");
  mkdirSync(join(cwd, "node_modules", ".bin"), { recursive: true });
  mkdirSync(pkg);
  writeFileSync(
    join(pkg, "package.json"),
    JSON.stringify({ name: "memoria", version: "0.1.0", type: "module", bin: { memoria: "bin.mjs" } }),
  );
  const tsx = pathToFileURL(repoPath("node_modules/tsx/dist/esm/api/index.mjs")).href;
  const chat = pathToFileURL(repoPath("src/cli/chat.ts")).href;
  writeFileSync(
    join(pkg, "bin.mjs"),
    `#!/usr/bin/env node\nimport { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(chat)});\n`,
  );
  chmodSync(join(pkg, "bin.mjs"), 0o755);
  symlinkSync("../memoria/bin.mjs", join(cwd, "node_modules", ".bin", "memoria"));
  return cwd;
}

/** The environment an MCP client gives the server: the user's own (without memoria, OpenAI or Chroma settings) plus the JSON's env. */
function serverEnv(env: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    ([k, v]) => v !== undefined && !/^(MEMORIA_|OPENAI_|npm_)/i.test(k) && k !== "CHROMA_URL",
  );
  return { ...(Object.fromEntries(inherited) as Record<string, string>), ...env };
}

describe("the README's MCP client JSON, run as written", () => {
  it("starts without any key, says where its data lives, saves and searches; a second server on the dir is told what to do", async () => {
    const server = readmeServer();
    expect(server.command).toBe("npx");
    expect(isAbsolute(server.env.MEMORIA_DATA_DIR ?? "")).toBe(true);
    const prefixAt = server.args.indexOf("--prefix");
    expect(prefixAt).toBeGreaterThanOrEqual(0);
    expect(isAbsolute(server.args[prefixAt + 1] ?? "")).toBe(true);
    const args = server.args.with(prefixAt + 1, installedProject());
    const dataDir = tempDir("memoria-mcp-data-");
    const env = serverEnv({ ...server.env, MEMORIA_DATA_DIR: dataDir });
    const cwd = tempDir("memoria-mcp-client-");

    const seeded = openLedger(dataDir);
    await seeded.queue.push("alice", "extraction", { left: "by a REPL that crashed" });
    await seeded.close();

    const transport = new StdioClientTransport({ command: server.command, args, env, cwd, stderr: "pipe" });
    let stderr = "";
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: "readme-client", version: "1.0.0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["forget_memory", "save_memory", "search_memory", "update_memory"]);
      const saved = (await client.callTool({ name: "save_memory", arguments: { content: "Alice is vegetarian and avoids fish" } })) as {
        content: { text: string }[];
        isError?: boolean;
      };
      expect(saved.isError ?? false).toBe(false);
      expect(saved.content[0]!.text).toContain('"action":"ADD"');
      const found = (await client.callTool({ name: "search_memory", arguments: { query: "does alice eat fish" } })) as {
        content: { text: string }[];
      };
      expect(found.content[0]!.text).toContain("Alice is vegetarian and avoids fish");
      expect(stderr).toContain(`[memoria] data in ${dataDir}`);
      expect(stderr).toContain("no MEMORIA_CHAT_MODEL: save_memory stores the text as given");

      const second = spawn(server.command, args, { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
      let secondErr = "";
      second.stderr.on("data", (chunk: Buffer) => (secondErr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
      expect(code).toBe(1);
      expect(secondErr).toMatch(/in use by process \d+ \([^)]*memoria mcp --user alice\)/);
      expect(secondErr).toContain("its own MEMORIA_DATA_DIR (e.g. one per MCP client)");
      expect(secondErr).toContain("set CHROMA_URL in every process that shares the memories");
    } finally {
      await client.close();
    }

    const ledger = openLedger(dataDir);
    try {
      expect((await ledger.queue.pending("alice")).map((j) => j.payload)).toEqual([{ left: "by a REPL that crashed" }]);
    } finally {
      await ledger.close();
    }
  }, 360_000);
});
