import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "cli-threads.json";

type ThreadIndex = Record<string, { threadId: string; updatedAt: string }>;

function read(dataDir: string): ThreadIndex {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, FILE), "utf8"));
    return parsed && typeof parsed === "object" ? (parsed as ThreadIndex) : {};
  } catch {
    return {};
  }
}

/** The thread a user last chatted in from the REPL, if any. */
export function lastThread(dataDir: string, userId: string): string | undefined {
  return read(dataDir)[userId]?.threadId;
}

/** Remembers a user's current REPL thread under the data directory, so `--resume` can continue it. */
export function rememberThread(dataDir: string, userId: string, threadId: string): void {
  const index = read(dataDir);
  index[userId] = { threadId, updatedAt: new Date().toISOString() };
  mkdirSync(dataDir, { recursive: true });
  const tmp = join(dataDir, `${FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(index, null, 2));
  renameSync(tmp, join(dataDir, FILE));
}
