import { spawn } from "node:child_process";

const POLL = `while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 0.5; done; kill -9 "$2" 2>/dev/null; exit 0`;

/**
 * Starts a tiny shell process that kills `childPid` as soon as `parentPid` is gone (even after SIGKILL of the parent),
 * and exits by itself when the child ends. A separate process is needed because the embedded Chroma blocks its own
 * event loop. No-op on Windows.
 */
export function watchParent(childPid: number, parentPid: number = process.pid): void {
  if (process.platform === "win32") return;
  const watchdog = spawn("/bin/sh", ["-c", POLL, "memoria-chroma-watchdog", String(parentPid), String(childPid)], {
    stdio: "ignore",
    detached: true,
  });
  watchdog.on("error", () => undefined);
  watchdog.unref();
}
