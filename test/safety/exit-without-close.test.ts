import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { running } from "../helpers/process-running.js";
import { tempDir } from "../helpers/stores.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "forget-close.ts");
const DROP = /^(MEMORIA_|OPENAI_|CHROMA_URL$)/;

interface Run {
  code: number | null;
  report: { chromaPid?: number; memories: string[]; closedBeforeExit?: boolean };
  stderr: string;
}

/** Runs the fixture (which never calls close()) on an embedded Chroma; fails when it has not exited by itself within `limitMs`. */
function runWithoutClose(mode: "add" | "list", dataDir: string, limitMs: number): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DROP.test(k)));
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, mode], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, MEMORIA_DATA_DIR: dataDir, MEMORIA_EMBEDDINGS: "hash", MEMORIA_CHAT_MODEL: "openai:fake", OPENAI_API_KEY: "sk-fake" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the script did not exit within ${limitMs} ms:\n${stdout}\n${stderr}`));
    }, limitMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const lines = stdout.split("\n").filter((l) => l.startsWith("{"));
      if (!lines.length) return reject(new Error(`no report (exit ${code}):\n${stdout}\n${stderr}`));
      const report = Object.assign({}, ...lines.map((l) => JSON.parse(l) as Partial<Run["report"]>)) as Run["report"];
      resolve({ code, report, stderr });
    });
  });
}

describe("a script that never calls close()", () => {
  it("exits by itself with its write in Chroma and its embedded Chroma stopped; a second process sees the memory", async () => {
    const dataDir = tempDir("memoria-no-close-");
    const first = await runWithoutClose("add", dataDir, 60_000);
    expect(first.code).toBe(0);
    expect(first.report.memories).toEqual(["I keep bees on the roof"]);
    expect(first.report.closedBeforeExit).toBe(true);
    expect(first.report.chromaPid).toBeGreaterThan(0);
    expect(running(first.report.chromaPid!)).toBe(false);

    const second = await runWithoutClose("list", dataDir, 60_000);
    expect(second.code).toBe(0);
    expect(second.report.memories).toEqual(["I keep bees on the roof"]);
    expect(second.report.closedBeforeExit).toBe(true);
    expect(running(second.report.chromaPid!)).toBe(false);
    expect(second.stderr).not.toMatch(/outbox|not yet in Chroma/);
  }, 180_000);
});
