import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLockedError } from "../../src/config/errors.js";
import { LOCK_FILE, lockDataDir } from "../../src/memory/store/data-dir-lock.js";
import { running } from "../helpers/process-running.js";
import { tempDir } from "../helpers/stores.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "hold-data-dir.ts");
const children: ChildProcess[] = [];

interface Report {
  pid: number;
  chromaPid?: number;
  error?: string;
  message?: string;
}

function hold(mode: "lock" | "stores", dataDir: string): Promise<{ child: ChildProcess; report: Report }> {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, mode, dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, report: JSON.parse(line) as Report }));
    child.once("exit", (code) => reject(new Error(`fixture exited with ${code} before reporting`)));
  });
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!running(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !running(pid);
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("one owner per data dir", () => {
  it("refuses a second process with an error naming the holder's PID, and takes over the lock after the holder is SIGKILLed", async () => {
    const dir = tempDir();
    const first = await hold("lock", dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(first.report.pid));

    const second = await hold("lock", dir);
    expect(second.report.error).toBe("DataDirLockedError");
    expect(second.report.message).toContain(`in use by process ${first.report.pid}`);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);

    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const third = await hold("lock", dir);
    expect(third.report.error).toBeUndefined();
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(third.report.pid));
  });

  it("recovers a stale lock left by a dead PID and releases it on close", () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("the embedded Chroma dies within 5 s after its parent is SIGKILLed", async () => {
    const dir = tempDir();
    const { child, report } = await hold("stores", dir);
    expect(report.error).toBeUndefined();
    const chromaPid = report.chromaPid!;
    expect(running(chromaPid)).toBe(true);
    child.kill("SIGKILL");
    expect(await goneWithin(chromaPid, 5_000)).toBe(true);
  }, 30_000);
});
