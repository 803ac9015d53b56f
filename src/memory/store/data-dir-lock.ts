import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DataDirLockedError } from "../../config/errors.js";

/** Name of the lock file inside the data directory; it holds the owner's PID. */
export const LOCK_FILE = "memoria.lock";

/** A held data-dir lock; release() is idempotent. */
export interface DataDirLock {
  path: string;
  release(): void;
}

const holds = new Map<string, { count: number; onExit: () => void }>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return command ? ` (${command.length > 200 ? `${command.slice(0, 200)}…` : command})` : "";
  } catch {
    return "";
  }
}

function removeIfOurs(path: string): void {
  try {
    if (readHolder(path) === process.pid) unlinkSync(path);
  } catch {
    // already gone
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Takes the data directory for this process: one process owns a data dir at a time. A second process gets
 * DataDirLockedError naming the holder's PID; a lock left by a dead process (crash, SIGKILL) is taken over.
 * Opening the same dir again inside the owning process shares the lock.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const held = holds.get(path);
  if (held) held.count++;
  else {
    for (let attempt = 0; !tryCreate(path); attempt++) {
      const holder = readHolder(path);
      if (holder !== undefined && holder !== process.pid && alive(holder)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by process ${holder}${commandOf(holder)} (lock file ${path}); ` +
            `with embedded Chroma one process owns a data directory. Stop that process, or give this one its own ` +
            `MEMORIA_DATA_DIR (e.g. one per MCP client), or run one Chroma server (npx chroma run --path <dir> --port 8000) ` +
            `and set CHROMA_URL in every process that shares the memories. If process ${holder} is not memoria, delete the lock file.`,
        );
      }
      if (attempt >= 3) throw new DataDirLockedError(`Could not take the lock ${path} after removing a stale one; retry.`);
      try {
        unlinkSync(path);
      } catch {
        // another process removed it first
      }
    }
    const onExit = () => removeIfOurs(path);
    process.once("exit", onExit);
    holds.set(path, { count: 1, onExit });
  }
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      const entry = holds.get(path);
      if (!entry || --entry.count > 0) return;
      holds.delete(path);
      process.off("exit", entry.onExit);
      removeIfOurs(path);
    },
  };
}
