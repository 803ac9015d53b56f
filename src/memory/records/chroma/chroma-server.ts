import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { StorageError } from "../../../config/errors.js";
import { glibcError, resolveChromaBinding } from "./chroma-binding.js";
import { watchParent } from "./chroma-watchdog.js";
import { freePort } from "./free-port.js";
import { causeLines, describeExit, StderrKeeper } from "./start-failure.js";

/** A Chroma server this process started, with its URL and a way to stop it. */
export interface ChromaServer {
  /** PID of the Chroma process (a watchdog kills it when this process dies). */
  pid?: number;
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Resolves when the server ends after its start, with how it ended and its stderr's error lines. */
  exited?: Promise<{ how: string; stderr: string[] }>;
  /** Kills the server at once (SIGKILL, which also ends a stopped process) and waits for its end. */
  kill?(): Promise<void>;
}

/** Options for starting an embedded Chroma server. */
export interface StartChromaOptions {
  path: string;
  port?: number;
  host?: string;
  timeoutMs?: number;
}

const LAUNCHER = `
const [binding, ...args] = process.argv.slice(1);
process.on("SIGINT", () => process.exit(0));
const { createRequire } = await import("node:module");
createRequire(binding)(binding).cli(["chroma", ...args]);
`;

/** Starts `chroma run` from the chromadb package on a free port and waits for its heartbeat; the running server does not keep this process alive. */
export async function startChromaServer(options: StartChromaOptions): Promise<ChromaServer> {
  mkdirSync(options.path, { recursive: true });
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort(host));
  const binding = resolveChromaBinding();
  const args = ["run", "--path", options.path, "--host", host, "--port", String(port)];
  const child = spawn(process.execPath, ["--input-type=module", "-e", LAUNCHER, binding, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (child.pid !== undefined) watchParent(child.pid);
  const stderr = new StderrKeeper();
  child.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
  const stderrClosed = new Promise<void>((resolve) => (child.stderr ? child.stderr.once("close", resolve) : resolve()));
  const url = `http://${host}:${port}`;
  const stop = onceStop(child);
  const onExit = () => child.kill("SIGKILL");
  process.once("exit", onExit);
  const started = Date.now();
  try {
    await waitForHeartbeat(url, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    await Promise.race([stderrClosed, new Promise((r) => setTimeout(r, 500))]);
    const glibc = glibcError(stderr.text(), binding);
    if (glibc) throw glibc;
    const causes = causeLines(stderr.text());
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    throw new StorageError(
      `Chroma did not start at ${url} (data in ${options.path}): ${(error as Error).message} after ${seconds} s` +
        (causes.length ? `; its stderr says:\n${causes.join("\n")}` : ""),
      { cause: error },
    );
  }
  child.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  const exited = new Promise<{ how: string; stderr: string[] }>((resolve) =>
    child.once("exit", (code, signal) => {
      const how = describeExit(code, signal);
      void Promise.race([stderrClosed, new Promise((r) => setTimeout(r, 500).unref())]).then(() =>
        resolve({ how, stderr: causeLines(stderr.text(), true) }),
      );
    }),
  );
  return {
    pid: child.pid,
    url,
    port,
    exited,
    stop: async () => {
      process.off("exit", onExit);
      await stop();
    },
    kill: async () => {
      process.off("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const ended = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await ended;
    },
  };
}

/** Rejects as soon as the child ends (by exit code or by signal), naming how. */
function deathOf(child: ChildProcess): { promise: Promise<never>; dispose: () => void } {
  let dispose = () => {};
  const promise = new Promise<never>((_, reject) => {
    const ended = () => reject(new Error(`chroma ${describeExit(child.exitCode, child.signalCode)}`));
    if (child.exitCode !== null || child.signalCode !== null) return ended();
    child.once("exit", ended);
    dispose = () => child.off("exit", ended);
  });
  promise.catch(() => undefined);
  return { promise, dispose };
}

/** Polls Chroma's heartbeat endpoint until it answers, the process dies (reported at once), or time runs out. */
export async function waitForHeartbeat(url: string, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const death = child ? deathOf(child) : undefined;
  const deadline = Date.now() + timeoutMs;
  const poll = async () => {
    while (Date.now() < deadline) {
      if (death && (child!.exitCode !== null || child!.signalCode !== null)) return death.promise;
      try {
        const res = await fetch(`${url}/api/v2/heartbeat`, { signal: AbortSignal.timeout(1000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no heartbeat within ${timeoutMs} ms`);
  };
  try {
    await (death ? Promise.race([poll(), death.promise]) : poll());
  } finally {
    death?.dispose();
  }
}

function onceStop(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.ref();
      const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
      child.once("exit", () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill("SIGTERM");
    }));
}
