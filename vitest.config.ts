import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/chroma-global.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { LANGSMITH_TRACING: "false", LANGCHAIN_TRACING_V2: "false" },
  },
});
