import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freePort } from "../../src/memory/records/chroma/free-port.js";
import { tempDir } from "../helpers/stores.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const DROP = /^(MEMORIA_|OPENAI_|CHROMA_URL$|LANGSMITH_|LANGCHAIN_)/;

/** A `langgraphjs dev` process serving the repo's dev-server graph, with its URL and output so far. */
export interface DevServer {
  url: string;
  /** The temp directory it runs in (its data dir is `data` inside). */
  dir: string;
  process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** A copy of the repo's langgraph.json in a temp dir (so `.langgraph_api` and `.gitignore` edits land there), without the `.env` file. */
function tempLanggraphJson(dir: string, extraGraphs: Record<string, string>): string {
  const repoJson = JSON.parse(readFileSync(join(repo, "langgraph.json"), "utf8")) as {
    auth?: { path: string; disable_studio_auth?: boolean };
    http?: { app: string };
  };
  const here = (spec: string) => relative(dir, join(repo, spec));
  const extra = Object.fromEntries(Object.entries(extraGraphs).map(([name, spec]) => [name, here(spec)]));
  const file = join(dir, "langgraph.json");
  const config = {
    node_version: "20",
    graphs: { memoria: `${here("src/cli/dev-server-graph.ts")}:graph`, ...extra },
    ...(repoJson.auth ? { auth: { ...repoJson.auth, path: here(repoJson.auth.path) } } : {}),
    ...(repoJson.http ? { http: { ...repoJson.http, app: here(repoJson.http.app) } } : {}),
    env: {},
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/**
 * Starts the dev server on a free port with the given memoria environment (nothing inherited from MEMORIA_/OPENAI_/CHROMA_URL), plus
 * extra graphs (name to repo-relative `file:export`); `launcher` starts it as `npm run dev` does, through src/cli/dev-server.ts.
 */
export async function spawnDevServer(
  memoriaEnv: Record<string, string>,
  extraGraphs: Record<string, string> = {},
  launcher = false,
): Promise<DevServer> {
  const dir = tempDir("memoria-dev-server-");
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROP.test(k)));
  const child = spawn(
    process.execPath,
    [
      ...(launcher
        ? ["--import", pathToFileURL(join(repo, "node_modules/tsx/dist/loader.mjs")).href, join(repo, "src/cli/dev-server.ts")]
        : [join(repo, "node_modules/.bin/langgraphjs"), "dev"]),
      "--no-browser",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--config",
      tempLanggraphJson(dir, extraGraphs),
    ],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...env,
        LANGGRAPH_CLI_NO_ANALYTICS: "1",
        LANGSMITH_TRACING: "false",
        BROWSER: "none",
        MEMORIA_DATA_DIR: join(dir, "data"),
        ...memoriaEnv,
      },
    },
  );
  let log = "";
  const collect = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    process: child,
    log: () => log,
    stop: () => stopGroup(child),
  };
}

/** Resolves when /ok answers; rejects with the log when the process exits or time runs out. */
export async function waitUntilUp(server: DevServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode != null) throw new Error(`dev server exited with ${server.process.exitCode}:\n${server.log()}`);
    const ok = await fetch(`${server.url}/ok`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`dev server did not answer /ok within ${timeoutMs} ms:\n${server.log()}`);
}

/** Resolves with the log once `text` appears in it (or the process exits), within the time limit. */
export async function waitForLog(server: DevServer, text: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !server.log().includes(text) && server.process.exitCode == null)
    await new Promise((r) => setTimeout(r, 200));
  return server.log();
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // the whole process group is already gone
  }
}
