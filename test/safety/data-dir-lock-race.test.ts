import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../src/memory/store/data-dir-lock.js";
import { tempDir } from "../helpers/stores.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "race-data-dir.ts");
const TRIALS = 200;
const racers: ChildProcess[] = [];

interface Result {
  dir?: string;
  ok?: boolean;
  pid?: number;
  error?: string;
  ready?: number;
}

/** A racer process and a queue of the JSON lines it prints. */
function startRacer(): { child: ChildProcess; next: () => Promise<Result> } {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], { stdio: ["pipe", "pipe", "inherit"] });
  racers.push(child);
  const lines: Result[] = [];
  const waiting: ((r: Result) => void)[] = [];
  const rl: Interface = createInterface({ input: child.stdout! });
  rl.on("line", (line) => {
    const result = JSON.parse(line) as Result;
    const waiter = waiting.shift();
    if (waiter) waiter(result);
    else lines.push(result);
  });
  const next = () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise<Result>((r) => waiting.push(r)));
  return { child, next };
}

afterAll(() => {
  for (const child of racers) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("the data-dir lock under a race", () => {
  it(`two processes taking a stale lock at the same instant: exactly one wins, in each of ${TRIALS} trials`, async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    const pair = [startRacer(), startRacer()];
    await Promise.all(pair.map((r) => r.next()));
    const root = tempDir();
    let doubles = 0;
    let none = 0;
    const winners = new Map<number, number>();
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = join(root, `t${trial}`);
      mkdirSync(dir);
      writeFileSync(join(dir, LOCK_FILE), `${dead}\n`);
      const at = performance.timeOrigin + performance.now() + 25;
      for (const r of pair) r.child.stdin!.write(`try ${dir} ${at}\n`);
      const results = await Promise.all(pair.map((r) => r.next()));
      const won = results.filter((r) => r.ok);
      if (won.length > 1) doubles++;
      if (won.length === 0) none++;
      if (won.length === 1) {
        expect(readFileSync(join(dir, LOCK_FILE), "utf8").trim()).toBe(String(won[0]!.pid));
        expect(results.find((r) => !r.ok)!.error).toBe("DataDirLockedError");
        winners.set(won[0]!.pid!, (winners.get(won[0]!.pid!) ?? 0) + 1);
      }
      for (const r of pair) r.child.stdin!.write(`release ${dir}\n`);
    }
    expect({ doubles, none }).toEqual({ doubles: 0, none: 0 });
    expect([...winners.values()].reduce((a, b) => a + b, 0)).toBe(TRIALS);
  }, 120_000);
});
