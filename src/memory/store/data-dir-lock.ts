import { mkdirSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DataDirAlreadyOpenError, DataDirLockedError, StorageError } from "../../config/errors.js";

/** Name of the file inside the data directory that names the owner's PID (for messages; the lock itself is HOLD_FILE). */
export const LOCK_FILE = "memoria.lock";

/** SQLite file whose exclusive lock, held by the kernel for the owner's lifetime, is the data-dir lock. */
export const HOLD_FILE = "memoria.lock.db";

/** A held data-dir lock; release() is idempotent. */
export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockDb {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  close(): void;
}

type LockDbConstructor = new (path: string, options: { timeout: number }) => LockDb;

const holds = new Map<string, { db: LockDb; onExit: () => void }>();

/** How long a contended attempt keeps retrying while the holder has not written its PID yet. */
const CONTENDED_WAIT_MS = 1_000;
const RETRY_MS = 5;

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

/** Takes the kernel's exclusive lock on the hold file, or returns undefined when another process holds it. */
function takeHold(path: string): LockDb | undefined {
  const Database = createRequire(import.meta.url)("better-sqlite3") as LockDbConstructor;
  let db: LockDb;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (error) {
    throw new StorageError(`Could not open the data-dir lock ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return undefined;
    throw new StorageError(`Could not take the data-dir lock ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function writeHolder(path: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${process.pid}\n`);
  renameSync(temp, path);
}

function commandOf(pid: number): string {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return command ? ` (${command.length > 200 ? `${command.slice(0, 200)}…` : command})` : "";
  } catch {
    return "";
  }
}

function lockedError(dataDir: string, pidPath: string): DataDirLockedError {
  const holder = readHolder(pidPath);
  const who = holder !== undefined && holder !== process.pid && alive(holder) ? `process ${holder}${commandOf(holder)}` : "another process";
  return new DataDirLockedError(
    `The data directory ${dataDir} is in use by ${who} (lock ${join(dataDir, HOLD_FILE)}); ` +
      `with embedded Chroma one process owns a data directory. Stop that process, or give this one its own ` +
      `MEMORIA_DATA_DIR (e.g. one per MCP client), or run one Chroma server (npx chroma run --path <dir> --port 8000) ` +
      `and set CHROMA_URL in every process that shares the memories.`,
  );
}

/** Takes the hold, retrying briefly while the other taker has not named itself yet (it may be about to fail too). */
function holdOrRefuse(dataDir: string, pidPath: string): LockDb {
  const holdPath = join(dataDir, HOLD_FILE);
  const deadline = Date.now() + CONTENDED_WAIT_MS;
  for (;;) {
    const db = takeHold(holdPath);
    if (db) return db;
    const holder = readHolder(pidPath);
    if ((holder !== undefined && holder !== process.pid && alive(holder)) || Date.now() >= deadline) {
      throw lockedError(dataDir, pidPath);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
  }
}

/**
 * Takes the data directory for this process: one owner at a time, enforced by an exclusive SQLite (kernel) lock that
 * the OS drops when the owner dies, so a crashed or SIGKILLed owner never leaves a lock two processes could both take over.
 * Another process gets DataDirLockedError naming the holder's PID; a second open inside this process gets
 * DataDirAlreadyOpenError until the first is released.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const key = realpathSync(dataDir);
  const path = join(dataDir, LOCK_FILE);
  if (holds.has(key)) {
    throw new DataDirAlreadyOpenError(
      `The data directory ${dataDir} is already open in this process: reuse that memoria instance, or close() it before opening again.`,
    );
  }
  const db = holdOrRefuse(dataDir, path);
  writeHolder(path);
  const onExit = () => removeIfOurs(path);
  process.once("exit", onExit);
  holds.set(key, { db, onExit });
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      holds.delete(key);
      process.off("exit", onExit);
      removeIfOurs(path);
      db.close();
    },
  };
}
