import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../src/config/errors.js";

vi.mock("node-llama-cpp", () => {
  throw new Error("Cannot find package 'node-llama-cpp'");
});

describe("LlamaCppRuntime without node-llama-cpp", () => {
  it("throws a ConfigError telling how to install the optional package", async () => {
    const { LlamaCppRuntime } = await import("../../src/providers/llama-cpp-runtime.js");
    const runtime = new LlamaCppRuntime({ modelPath: "/nowhere/model.gguf" });
    const error = await runtime.load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/npm install node-llama-cpp/);
  });
});
