import { createHash } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { mkdir, open, readFile, readdir, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { decodeHeader, decodeSnapshot, encodeSnapshot, type IndexSnapshot } from "./index-snapshot.js";

/** Smallest index worth a snapshot: smaller users load from Chroma in well under a second. */
export const SNAPSHOT_MIN_RECORDS = 2_000;

const CURRENT_FILE = "current.json";
const hex = (text: string) => createHash("sha256").update(text).digest("hex");
const ZEROS = Buffer.alloc(1 << 20);
/** Bytes read to find a snapshot's header: the header holds a length per thousand records, so this covers tens of millions. */
const HEADER_READ_BYTES = 1 << 20;

/** Overwrites a file with zeros, flushes it, then unlinks it; a missing file is fine. */
async function shred(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, "r+");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    for (let at = 0; at < size; at += ZEROS.length) await handle.write(ZEROS, 0, Math.min(ZEROS.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(path);
}

/** The directory holding the index snapshots of every store under a data directory. */
export const snapshotDirOf = (dataDir: string): string => join(dataDir, "search-index");

/** Overwrites and removes every snapshot under a directory (snapshots turned off: old ones would miss later deletions). */
export async function eraseSnapshots(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isFile()) await shred(join(e.parentPath, e.name));
}

/**
 * Per-user search index snapshots in a directory (one subdirectory per store scope), so a restart loads a large user's index
 * from one local file instead of reading every row back from Chroma. A snapshot holds memory texts: it is overwritten and
 * unlinked before any of the user's memories is deleted, and a snapshot taken before a deletion is never written after it.
 */
export class SnapshotStore {
  private readonly epochs = new Map<string, number>();
  private readonly deleting = new Map<string, number>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly scopeDir: string;
  private current?: Set<string>;

  constructor(
    private readonly dir: string,
    private readonly scope: string,
  ) {
    this.scopeDir = join(dir, hex(scope).slice(0, 16));
  }

  /**
   * Users whose snapshot holds every write to them: read once from the mark file the last clean close left (and removed, so a
   * crash leaves none), then kept up to date as writes come in.
   */
  private marks(): Set<string> {
    if (this.current) return this.current;
    const file = join(this.scopeDir, CURRENT_FILE);
    try {
      this.current = new Set(JSON.parse(readFileSync(file, "utf8")) as string[]);
      unlinkSync(file);
    } catch {
      this.current = new Set();
    }
    return this.current;
  }

  /** Whether the user's snapshot is known to hold every write made to the user (so no catch-up read is needed). */
  isCurrent(userId: string): boolean {
    return this.marks().has(hex(userId));
  }

  /** Records that the user's snapshot holds every write made so far. */
  markCurrent(userId: string): void {
    this.marks().add(hex(userId));
  }

  /** Records a write to the user: its snapshot, if any, no longer holds everything. */
  touched(userId: string): void {
    this.marks().delete(hex(userId));
  }

  /** Leaves the mark file for the next start; call on a clean close, after the last snapshot is written. */
  async seal(): Promise<void> {
    await mkdir(this.scopeDir, { recursive: true, mode: 0o700 });
    await writeFile(join(this.scopeDir, CURRENT_FILE), JSON.stringify([...this.marks()]), { mode: 0o600 });
  }

  private file(userId: string, scopeDir = this.scopeDir): string {
    return join(scopeDir, `${hex(userId)}.snap`);
  }

  private serial<T>(userId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(userId) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(userId, tail);
    void tail.then(() => this.queues.get(userId) === tail && this.queues.delete(userId));
    return run;
  }

  /** When the user's snapshot was taken (write clock ms), read from its header alone; undefined when there is no readable one. */
  async takenAt(userId: string): Promise<number | undefined> {
    let handle;
    try {
      handle = await open(this.file(userId), "r");
    } catch {
      return undefined;
    }
    try {
      const head = Buffer.alloc(HEADER_READ_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const header = decodeHeader(head.subarray(0, bytesRead));
      return header.userId === userId ? header.takenAt : undefined;
    } catch {
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** The user's snapshot, or undefined when there is none or it cannot be read (an unreadable one is erased). */
  read(userId: string): Promise<IndexSnapshot | undefined> {
    return this.serial(userId, async () => {
      let bytes: Buffer;
      try {
        bytes = await readFile(this.file(userId));
      } catch {
        return undefined;
      }
      try {
        return await decodeSnapshot(bytes, { userId, scope: this.scope });
      } catch {
        await shred(this.file(userId));
        return undefined;
      }
    });
  }

  /**
   * Writes the snapshot `take` returns now (undefined: nothing to write); resolves false, writing nothing, when the user's
   * memories are being deleted or a deletion started after the snapshot was taken.
   */
  async write(userId: string, take: () => Omit<IndexSnapshot, "userId" | "scope"> | undefined): Promise<boolean> {
    if (this.deleting.get(userId)) return false;
    const epoch = this.epochs.get(userId) ?? 0;
    const taken = take();
    if (!taken) return false;
    const chunks = await encodeSnapshot({ ...taken, userId, scope: this.scope });
    return this.serial(userId, async () => {
      if ((this.epochs.get(userId) ?? 0) !== epoch || this.deleting.get(userId)) return false;
      await mkdir(this.scopeDir, { recursive: true, mode: 0o700 });
      const file = this.file(userId);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        const handle = await open(temp, "w", 0o600);
        try {
          for (const chunk of chunks) await handle.write(chunk);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (error) {
        await shred(temp);
        throw error;
      }
      return true;
    });
  }

  /**
   * Erases the user's snapshots in every store scope under the directory (an older scope's, e.g. from before a reindex, holds
   * the same texts) and keeps any snapshot from being written until `endDelete`; call before deleting memories.
   */
  async beginDelete(userId: string): Promise<void> {
    this.deleting.set(userId, (this.deleting.get(userId) ?? 0) + 1);
    this.touched(userId);
    this.epochs.set(userId, (this.epochs.get(userId) ?? 0) + 1);
    try {
      await this.serial(userId, async () => {
        const scopes = await readdir(this.dir, { withFileTypes: true }).catch(() => []);
        const dirs = new Set([this.scopeDir, ...scopes.filter((s) => s.isDirectory()).map((s) => join(this.dir, s.name))]);
        for (const dir of dirs) await shred(this.file(userId, dir));
      });
    } catch (error) {
      this.endDelete(userId);
      throw error;
    }
  }

  /** Ends a deletion started with beginDelete. */
  endDelete(userId: string): void {
    const left = (this.deleting.get(userId) ?? 1) - 1;
    if (left > 0) this.deleting.set(userId, left);
    else this.deleting.delete(userId);
  }
}
