import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("../integration/fixtures/replica.ts", import.meta.url));

/** A memoria app in its own OS process, driven by JSON-line requests. */
export interface Replica {
  pid: number;
  call<T = unknown>(op: string, args: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

/** Starts a replica process with the given environment (CHROMA_URL, MEMORIA_POSTGRES_URL, ...) and waits until it is ready. */
export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let ready: (pid: number) => void;
  let failed: (e: Error) => void;
  const started = new Promise<number>((res, rej) => ((ready = res), (failed = rej)));
  createInterface({ input: child.stdout }).on("line", (line) => {
    const msg = JSON.parse(line) as { ready?: boolean; pid?: number; id?: number; ok?: boolean; result?: unknown; error?: string };
    if (msg.ready) return ready(msg.pid!);
    const p = pending.get(msg.id!);
    pending.delete(msg.id!);
    if (msg.ok) p?.resolve(msg.result);
    else p?.reject(new Error(msg.error));
  });
  const exited = new Promise<void>((res) => child.once("exit", () => res()));
  void exited.then(() => {
    failed(new Error(`replica exited before it was ready: ${stderr}`));
    for (const p of pending.values()) p.reject(new Error(`replica exited: ${stderr}`));
  });
  const pid = await started;
  let next = 0;
  return {
    pid,
    call: <T>(op: string, args: Record<string, string>) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
      }),
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
