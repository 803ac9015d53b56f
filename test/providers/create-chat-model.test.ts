import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ChatOpenAI } from "@langchain/openai";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { createChatModel } from "../../src/providers/create-chat-model.js";
import { ChatLlamaCpp } from "../../src/providers/llama-cpp-chat-model.js";

const MODEL_PATH = fileURLToPath(new URL("../../../shared/models/llama-2-tiny-random.gguf", import.meta.url));
const hasModel = existsSync(MODEL_PATH);
if (!hasModel) console.warn(`[create-chat-model.test] ${MODEL_PATH} is absent: skipping the llama-cpp factory test.`);

describe("createChatModel", () => {
  it("explains how to configure a model when the spec is missing", async () => {
    for (const spec of [undefined, "", "   "]) {
      const error = await createChatModel(spec, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain("MEMORIA_CHAT_MODEL=openai:gpt-4o-mini");
      expect(message).toContain("OPENAI_API_KEY");
      expect(message).toContain("MEMORIA_CHAT_MODEL=openai:llama3.1 OPENAI_BASE_URL=http://localhost:11434/v1");
      expect(message).toContain("MEMORIA_CHAT_MODEL=llama-cpp:./models/x.gguf");
    }
  });

  it("lists the supported prefixes for an unknown one", async () => {
    await expect(createChatModel("anthropic:claude", {})).rejects.toThrow(ConfigError);
    await expect(createChatModel("anthropic:claude", {})).rejects.toThrow(/Supported: openai:<model> or llama-cpp:<path to \.gguf>/);
    await expect(createChatModel("gpt-4o", {})).rejects.toThrow(/Unknown MEMORIA_CHAT_MODEL "gpt-4o"/);
  });

  it("rejects a prefix with no model", async () => {
    await expect(createChatModel("openai:", { openaiApiKey: "sk-test" })).rejects.toThrow(/names no model/);
  });

  it("builds ChatOpenAI with the API key and temperature", async () => {
    const model = await createChatModel("openai:gpt-4o-mini", { openaiApiKey: "sk-test", temperature: 0.2 });
    expect(model).toBeInstanceOf(ChatOpenAI);
    const openai = model as ChatOpenAI;
    expect(openai.model).toBe("gpt-4o-mini");
    expect(openai.apiKey).toBe("sk-test");
    expect(openai.temperature).toBe(0.2);
  });

  it("points ChatOpenAI at an OpenAI-compatible base URL without needing a key", async () => {
    const model = await createChatModel("openai:llama3.1", { openaiBaseUrl: "http://localhost:11434/v1" });
    const openai = model as ChatOpenAI;
    expect(openai).toBeInstanceOf(ChatOpenAI);
    expect(openai.model).toBe("llama3.1");
    expect(openai.apiKey).toBe("not-needed");
    expect((openai as unknown as { clientConfig: { baseURL?: string } }).clientConfig.baseURL).toBe("http://localhost:11434/v1");
  });

  it("asks for OPENAI_API_KEY or OPENAI_BASE_URL when neither is set", async () => {
    const error = await createChatModel("openai:gpt-4o-mini", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });

  it("reports a missing GGUF file clearly", async () => {
    const error = await createChatModel("llama-cpp:./models/does-not-exist.gguf", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/no GGUF file at .*does-not-exist\.gguf/);
  });

  it.runIf(hasModel)("builds ChatLlamaCpp for an existing GGUF file without loading it", async () => {
    const model = await createChatModel(`llama-cpp:${MODEL_PATH}`, { temperature: 0 });
    expect(model).toBeInstanceOf(ChatLlamaCpp);
    await (model as ChatLlamaCpp).dispose();
  });
});
