import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testConfig } from "../helpers/stores.js";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe("deleteUser erases episodes", () => {
  it("leaves no episode in Chroma, the API or memoria's own files in the data dir (canary grep after close)", async () => {
    const config = testConfig();
    const canary = "canary-quokka-77813";
    const app = await createMemoria({
      config,
      embedder: new HashEmbeddings(),
      chatModel: new ScriptedChatModel({ reply: () => "Okay." }),
      extraction: "off",
    });
    try {
      await app.graph.invoke(
        { messages: [{ role: "user", content: `Remember the word ${canary}.` }] },
        { configurable: { thread_id: "erase-t1" }, context: { userId: "erase-me", tier: "A" } },
      );
      expect((await app.api.list({ userId: "erase-me", kind: "episode" })).total).toBe(1);
      await app.api.deleteUser("erase-me");
      expect(await app.stores.memory.all({ userId: "erase-me" })).toEqual([]);
      expect(await app.api.search(canary, { userId: "erase-me" })).toEqual([]);
      expect((await app.api.export("erase-me")).memories).toEqual([]);
    } finally {
      await app.close();
    }
    // The checkpointer's file keeps the deleted thread's text in free pages until on-disk erasure lands (separate work); episodes never live there.
    const holding = files(config.dataDir).filter((f) => !/checkpoints\.sqlite/.test(f) && readFileSync(f).includes(canary));
    expect(holding).toEqual([]);
  });
});
