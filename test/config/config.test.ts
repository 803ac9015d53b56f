import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDotEnv } from "../../src/config/dotenv.js";
import { loadConfig } from "../../src/config/env.js";
import { ConfigError } from "../../src/config/errors.js";
import { tempDir } from "../helpers/stores.js";

const KEYS = ["MEMORIA_DOTENV_TEST_A", "MEMORIA_DOTENV_TEST_B"];

afterEach(() => {
  for (const key of KEYS) delete process.env[key];
});

describe("loadConfig URL validation", () => {
  it("names a CHROMA_URL without a scheme at once", () => {
    expect(() => loadConfig({ CHROMA_URL: "localhost:8000" })).toThrow(ConfigError);
    expect(() => loadConfig({ CHROMA_URL: "localhost:8000" })).toThrow(
      "CHROMA_URL must be an http:// or https:// URL, for example http://localhost:8000",
    );
    expect(() => loadConfig({ OPENAI_BASE_URL: "localhost:11434/v1" })).toThrow("OPENAI_BASE_URL must be an http:// or https:// URL");
  });

  it("accepts http and https URLs", () => {
    expect(loadConfig({ CHROMA_URL: "http://localhost:8000" }).chromaUrl).toBe("http://localhost:8000");
    expect(loadConfig({ OPENAI_BASE_URL: "https://api.example.com/v1" }).openaiBaseUrl).toBe("https://api.example.com/v1");
  });
});

describe("loadConfig ledger", () => {
  it("puts the ledger in Postgres when MEMORIA_POSTGRES_URL is set, unless MEMORIA_LEDGER=sqlite", () => {
    const url = "postgresql://memoria@127.0.0.1/memoria";
    expect(loadConfig({}).ledger).toBe("sqlite");
    expect(loadConfig({ MEMORIA_POSTGRES_URL: url }).ledger).toBe("postgres");
    expect(loadConfig({ MEMORIA_POSTGRES_URL: url, MEMORIA_LEDGER: "sqlite" }).ledger).toBe("sqlite");
    expect(() => loadConfig({ MEMORIA_LEDGER: "postgres" })).toThrow("MEMORIA_LEDGER=postgres needs MEMORIA_POSTGRES_URL");
    expect(() => loadConfig({ MEMORIA_LEDGER: "redis" })).toThrow(ConfigError);
  });
});

describe("loadConfig background queue bound", () => {
  it("defaults to 200 jobs per user and a 30 s wait, and names a bound below 1", () => {
    expect(loadConfig({})).toMatchObject({ queueMaxPerUser: 200, queueWaitMs: 30_000 });
    expect(loadConfig({ MEMORIA_QUEUE_MAX_PER_USER: "5", MEMORIA_QUEUE_WAIT_MS: "0" })).toMatchObject({
      queueMaxPerUser: 5,
      queueWaitMs: 0,
    });
    expect(() => loadConfig({ MEMORIA_QUEUE_MAX_PER_USER: "0" })).toThrow(/MEMORIA_QUEUE_MAX_PER_USER/);
    expect(() => loadConfig({ MEMORIA_QUEUE_WAIT_MS: "-1" })).toThrow(ConfigError);
  });
});

describe("loadDotEnv", () => {
  it("loads a .env file without overriding variables already set", () => {
    const dir = tempDir("memoria-dotenv-");
    const file = join(dir, ".env");
    writeFileSync(file, "# comment\nMEMORIA_DOTENV_TEST_A=from-file\nMEMORIA_DOTENV_TEST_B=from-file\n");
    process.env.MEMORIA_DOTENV_TEST_B = "from-shell";
    expect(loadDotEnv(file)).toBe(file);
    expect(process.env.MEMORIA_DOTENV_TEST_A).toBe("from-file");
    expect(process.env.MEMORIA_DOTENV_TEST_B).toBe("from-shell");
  });

  it("does nothing when the file is missing", () => {
    expect(loadDotEnv(join(tempDir("memoria-dotenv-"), ".env"))).toBeUndefined();
    expect(process.env.MEMORIA_DOTENV_TEST_A).toBeUndefined();
  });
});
