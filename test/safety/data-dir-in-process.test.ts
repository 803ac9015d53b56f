import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { DataDirAlreadyOpenError, DataDirLockedError } from "../../src/config/errors.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { tempDir } from "../helpers/stores.js";

/** PIDs of this process's child processes, from /proc. */
function children(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/stat`, "utf8")
            .replace(/^.*\) /, "")
            .split(" ")[1] === String(process.pid)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

const open = (dataDir: string) =>
  createMemoria({
    config: loadConfig({ MEMORIA_DATA_DIR: dataDir }),
    chatModel: new ScriptedChatModel({ reply: () => "OK." }),
    embedder: new HashEmbeddings(),
    logger: { warn: () => {}, info: () => {} },
  });

describe("one memoria per data dir inside a process", () => {
  it("refuses a second createMemoria on an open dir (however the path is spelled) without starting Chroma, and opens again after close()", async () => {
    const dir = tempDir("memoria-in-process-");
    const first = await open(dir);
    try {
      expect(first.stores.server).toBeDefined();
      await first.api.add("User keeps bees", { userId: "ana", infer: false });
      const before = children();
      for (const spelling of [dir, `${dir}/.`, join(dir, "..", dir.split("/").pop()!)]) {
        const attempt = open(spelling);
        await expect(attempt).rejects.toThrow(DataDirAlreadyOpenError);
        await expect(attempt).rejects.toThrow(DataDirLockedError);
        await expect(attempt).rejects.toThrow(/already open in this process.*reuse.*close\(\)/);
      }
      expect(children().sort()).toEqual(before.sort());
      expect((await first.api.search("bees", { userId: "ana" })).map((m) => m.content)).toEqual(["User keeps bees"]);
    } finally {
      await first.close();
    }
    const again = await open(dir);
    try {
      expect((await again.api.search("bees", { userId: "ana" })).map((m) => m.content)).toEqual(["User keeps bees"]);
    } finally {
      await again.close();
    }
  }, 90_000);
});
