import type { BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ModelTimeoutError, StorageTimeoutError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/config/env.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { startChromaServer, type ChromaServer } from "../../src/memory/records/chroma/chroma-server.js";
import { openStores, type OpenStores } from "../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { withModelTimeout } from "../../src/providers/model-timeout.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { structuredCall } from "../../src/providers/structured-call.js";
import { tempDir } from "../helpers/stores.js";

/** A chat model that never answers. */
class SilentModel extends ScriptedChatModel {
  override _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    return new Promise(() => undefined);
  }
  override bindTools(): SilentModel {
    return new SilentModel();
  }
}

const settle = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  const [result] = await Promise.allSettled([fn()]);
  return { ms: performance.now() - start, error: result!.status === "rejected" ? (result.reason as Error) : undefined };
};

describe("a frozen Chroma fails calls with a named timeout instead of hanging", () => {
  let server: ChromaServer;
  let stores: OpenStores;
  beforeAll(async () => {
    server = await startChromaServer({ path: tempDir("memoria-frozen-") });
    stores = await openStores({ chromaUrl: server.url, dataDir: tempDir(), embedder: new HashEmbeddings(), chromaTimeoutMs: 800 });
  }, 30_000);
  afterAll(async () => {
    if (server?.pid) process.kill(server.pid, "SIGCONT");
    await stores?.close();
    await server?.stop();
  });

  it("list and add fail with StorageTimeoutError while Chroma is stopped, and work again after SIGCONT", async () => {
    await stores.memory.write("u1", [{ content: "User likes tea", type: "preference", category: "food", importance: 0.5 }]);
    process.kill(server.pid!, "SIGSTOP");
    try {
      const list = await settle(() => stores.memory.list("u-uncached"));
      expect(list.error).toBeInstanceOf(StorageTimeoutError);
      expect(list.error!.message).toMatch(/did not answer .* within 800 ms \(MEMORIA_CHROMA_TIMEOUT_MS\)/);
      expect(list.ms).toBeLessThan(3_000);
      const add = await settle(() =>
        stores.memory.write("u1", [{ content: "User likes coffee", type: "preference", category: "food", importance: 0.5 }]),
      );
      expect(add.error).toBeInstanceOf(StorageTimeoutError);
      expect(add.ms).toBeLessThan(3_000);
    } finally {
      process.kill(server.pid!, "SIGCONT");
    }
    expect((await stores.memory.list("u1")).map((m) => m.content)).toContain("User likes tea");
  });

  it("a tier-A turn against a stopped Chroma errors within its retries", async () => {
    const config = loadConfig({ CHROMA_URL: server.url, MEMORIA_DATA_DIR: tempDir(), MEMORIA_CHROMA_TIMEOUT_MS: "700" });
    const app = await createMemoria({ config, chatModel: new ScriptedChatModel({ reply: () => "ok" }), embedder: new HashEmbeddings() });
    process.kill(server.pid!, "SIGSTOP");
    try {
      const turn = await settle(() =>
        app.graph.invoke(
          { messages: [{ role: "user", content: "hi" }] },
          { configurable: { thread_id: "t" }, context: { userId: "u2", tier: "A" } },
        ),
      );
      expect(turn.error).toBeInstanceOf(StorageTimeoutError);
      expect(turn.ms).toBeLessThan(12_000);
    } finally {
      process.kill(server.pid!, "SIGCONT");
      await app.close();
    }
  }, 20_000);
});

describe("model calls time out", () => {
  it("a silent chat model fails the turn with ModelTimeoutError after MEMORIA_MODEL_TIMEOUT_MS", async () => {
    const config = loadConfig({ CHROMA_URL: "http://127.0.0.1:1", MEMORIA_DATA_DIR: tempDir(), MEMORIA_MODEL_TIMEOUT_MS: "300" });
    expect(config.modelTimeoutMs).toBe(300);
    const model = withModelTimeout(new SilentModel(), config.modelTimeoutMs);
    const reply = await settle(() => model.invoke("hello"));
    expect(reply.error).toBeInstanceOf(ModelTimeoutError);
    expect(reply.error!.message).toMatch(/did not answer within 300 ms \(MEMORIA_MODEL_TIMEOUT_MS\)/);
    expect(reply.ms).toBeLessThan(2_000);

    const extract = structuredCall(model, z.object({ facts: z.array(z.string()) }), "extract", "Fact extraction");
    const structured = await settle(() => extract([{ role: "user", content: "x" }]));
    expect(structured.error).toBeInstanceOf(ModelTimeoutError);
    expect(structured.error!.message).toMatch(/^Fact extraction failed: .*300 ms/);
    expect(structured.ms).toBeLessThan(2_000);
  });
});
