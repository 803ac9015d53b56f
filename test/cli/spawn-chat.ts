import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Path of a file relative to the repository root. */
export const repoPath = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

/** A REPL child process driven over stdin/stdout. */
export interface ChatProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  text(): string;
  send(line: string): void;
  /** Resolves once the output contains `needle` `times` times. */
  waitFor(needle: string, times?: number, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

const BASE_ENV_DROP = [
  "MEMORIA_CHAT_MODEL",
  "OPENAI_BASE_URL",
  "OPENAI_API_KEY",
  "CHROMA_URL",
  "MEMORIA_COLLECTION_PREFIX",
  "MEMORIA_DATA_DIR",
];

const quote = (arg: string) => `'${arg.replace(/'/g, "'\\''")}'`;

/** How the child's terminal is wired: stdout and stderr on two pipes, both on one pipe (in write order), or a pseudo-terminal. */
export type ChatIo = "pipes" | "one-pipe" | "tty";

/** Spawns `node --import tsx <script> ...args` with a clean memoria environment plus `env`. */
export function spawnChat(script: string, args: string[], env: Record<string, string>, io: ChatIo = "pipes"): ChatProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !BASE_ENV_DROP.includes(k)));
  const node = [process.execPath, "--import", "tsx", repoPath(script), ...args];
  const shell = node.map(quote).join(" ");
  const [command, ...commandArgs] =
    io === "tty"
      ? ["script", "-qfec", `stty cols 120 rows 40; exec ${shell}`, "/dev/null"]
      : io === "one-pipe"
        ? ["sh", "-c", `exec ${shell} 2>&1`]
        : node;
  const tty = io === "tty";
  const child = spawn(command!, commandArgs, {
    cwd: repoPath("."),
    env: { ...base, MEMORIA_EMBEDDINGS: "hash", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const count = (needle: string) => out.split(needle).length - 1;
  return {
    child,
    text: () => out,
    send: (line) => void child.stdin!.write(`${line}${tty ? "\r" : "\n"}`),
    waitFor: (needle, times = 1, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (count(needle) < times) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Timed out waiting for ${JSON.stringify(needle)} x${times}. Output so far:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    exited,
  };
}

/** Sends every line, closes stdin (Ctrl-D) and resolves with the exit code and full output. */
export async function runScript(script: string, args: string[], env: Record<string, string>, lines: string[]) {
  const chat = spawnChat(script, args, env);
  for (const line of lines) chat.send(line);
  chat.child.stdin!.end();
  const code = await chat.exited;
  return { code, text: chat.text() };
}
