import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StorageError } from "../../../../src/config/errors.js";
import { startChromaServer } from "../../../../src/memory/records/chroma/chroma-server.js";
import { tempDir } from "../../../helpers/stores.js";

/** Live (non-zombie) child processes of this process that run the Chroma launcher. */
function chromaChildren(): number[] {
  const found: number[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const [state, ppid] = readFileSync(`/proc/${pid}/stat`, "utf8")
        .replace(/^.*\) /, "")
        .split(" ");
      if (ppid !== String(process.pid) || state === "Z") continue;
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--input-type=module")) found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe("a Chroma that dies while starting", () => {
  it("is reported within 2 s of its death, with the signal and the cause from stderr, not as a heartbeat timeout", async () => {
    const path = tempDir("memoria-corrupt-chroma-");
    writeFileSync(join(path, "chroma.sqlite3"), randomBytes(20_000));
    let seen = 0;
    let lastAlive = 0;
    const watch = setInterval(() => {
      if (chromaChildren().length === 0) return;
      seen++;
      lastAlive = Date.now();
    }, 50);
    const error = (await startChromaServer({ path, timeoutMs: 90_000 }).catch((e: unknown) => e)) as Error;
    const reportedAt = Date.now();
    clearInterval(watch);

    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toMatch(/chroma was killed by SIGABRT after \d+\.\d s/);
    expect(error.message).toContain("file is not a database");
    expect(error.message).not.toMatch(/no heartbeat|^\s+\d+: |^\s+at /m);
    expect(seen).toBeGreaterThan(0);
    expect(reportedAt - lastAlive).toBeLessThan(2_000);
  }, 180_000);
});
