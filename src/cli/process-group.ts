import { readdirSync, readFileSync } from "node:fs";

/** True while a process of the group is running (zombies left by a parent that exited do not count). */
export function groupRunning(pgid: number): boolean {
  if (process.platform !== "linux") {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z") return true;
  }
  return false;
}

/** Waits until no process of the group runs; after `limitMs` the rest is killed (SIGKILL). Resolves true when it ended by itself. */
export async function waitForGroup(pgid: number, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!groupRunning(pgid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // already gone
  }
  return false;
}
