import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { createEmbedder } from "../../src/providers/create-embedder.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";
import { OpenAIEmbedder } from "../../src/providers/openai-embedder.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "memoria-embedder-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("createEmbedder", () => {
  it("builds lazy LocalEmbeddings for local (the default) without touching the disk yet", async () => {
    const e = await createEmbedder("local", { dataDir });
    expect(e).toBeInstanceOf(LocalEmbeddings);
    expect(e.dimension).toBe(100);
    expect(e.modelId).toMatch(/^local:glove/);
  });

  it("keeps hash, with an optional dimension", async () => {
    const e = await createEmbedder("hash:64", { dataDir });
    expect(e).toBeInstanceOf(HashEmbeddings);
    expect(e.dimension).toBe(64);
    expect(await e.embedQuery("hello")).toHaveLength(64);
    await expect(createEmbedder("hash:3", { dataDir })).rejects.toThrow(ConfigError);
  });

  it("wraps OpenAI models with a known dimension and needs credentials", async () => {
    const e = await createEmbedder("openai:text-embedding-3-small", {
      dataDir,
      openaiApiKey: "sk-test",
      openaiBaseUrl: "http://127.0.0.1:9/v1",
    });
    expect(e).toBeInstanceOf(OpenAIEmbedder);
    expect(e.modelId).toBe("openai:text-embedding-3-small");
    expect(e.dimension).toBe(1536);
    await expect(createEmbedder("openai:text-embedding-3-small", { dataDir })).rejects.toThrow(/OPENAI_API_KEY/);
    await expect(createEmbedder("openai:", { dataDir, openaiApiKey: "sk" })).rejects.toThrow(ConfigError);
  });

  it("fails with a ConfigError when a transformers model is not available locally", async () => {
    await expect(createEmbedder("transformers:acme/no-such-model", { dataDir, allowRemoteModels: false })).rejects.toThrow(
      /could not be loaded from .*no-such-model.*MEMORIA_ALLOW_REMOTE_MODELS/s,
    );
  });

  it("rejects unknown specs", async () => {
    await expect(createEmbedder("word2vec", { dataDir })).rejects.toThrow(ConfigError);
  });
});
