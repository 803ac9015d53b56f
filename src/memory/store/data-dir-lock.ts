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
          `The data directory ${dataDir} is in use by process ${holder} (lock file ${path}). ` +
            `Stop that process or set another MEMORIA_DATA_DIR; if process ${holder} is not memoria, delete the lock file.`,
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
