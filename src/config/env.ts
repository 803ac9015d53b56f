import { resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import { httpAuthConfig, type HttpAuthConfig } from "./http-auth.js";

const httpUrl = (name: string, example: string) =>
  z
    .string()
    .trim()
    .refine((s) => /^https?:\/\/[^/\s]+/i.test(s) && URL.canParse(s), `${name} must be an http:// or https:// URL, for example ${example}`);

const EnvSchema = z.object({
  MEMORIA_CHAT_MODEL: z.string().trim().min(1).optional(),
  MEMORIA_EMBEDDINGS: z.string().trim().min(1).default("local"),
  MEMORIA_DATA_DIR: z.string().trim().min(1).default("./.memoria"),
  MEMORIA_CHECKPOINTER: z.enum(["sqlite", "postgres", "memory"]).default("sqlite"),
  MEMORIA_POSTGRES_URL: z.string().trim().min(1).optional(),
  MEMORIA_LEDGER: z.enum(["sqlite", "postgres"]).optional(),
  MEMORIA_CHECKPOINT_KEEP: z.coerce.number().int().min(0).max(100_000).default(20),
  MEMORIA_SEARCH_MAX_AGE_MS: z.coerce.number().int().min(0).max(86_400_000).optional(),
  MEMORIA_SEARCH_CACHE_MB: z.coerce.number().int().min(1).max(1_048_576).optional(),
  MEMORIA_SEARCH_SNAPSHOTS: z.enum(["0", "1", "true", "false"]).default("1"),
  MEMORIA_COLLECTION_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,40}$/i)
    .default("memoria"),
  MEMORIA_ALLOW_REMOTE_MODELS: z.enum(["0", "1", "true", "false"]).default("0"),
  MEMORIA_USER: z.string().trim().min(1).max(256).optional(),
  CHROMA_URL: httpUrl("CHROMA_URL", "http://localhost:8000").optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl("OPENAI_BASE_URL", "http://localhost:11434/v1").optional(),
  MEMORIA_CHROMA_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  MEMORIA_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  MEMORIA_EXTRACTION: z.enum(["off", "inline", "background"]).optional(),
  MEMORIA_QUEUE_MAX_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(200),
  MEMORIA_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  MEMORIA_MAX_MESSAGE_CHARS: z.coerce.number().int().min(16).max(4_000_000).optional(),
  MEMORIA_MAX_MESSAGE_TOKENS: z.coerce.number().int().min(16).max(1_000_000).optional(),
  MEMORIA_HTTP_TOKENS: z.string().optional(),
  MEMORIA_JWT_SECRET: z.string().optional(),
  MEMORIA_JWT_PUBLIC_KEY: z.string().optional(),
  MEMORIA_JWT_ISSUER: z.string().trim().min(1).optional(),
  MEMORIA_JWT_AUDIENCE: z.string().trim().min(1).optional(),
  MEMORIA_JWT_USER_CLAIM: z.string().trim().min(1).default("sub"),
});

/** When facts and entities are extracted after a reply: inline, queued in the background, or not at all (episodes only). */
export type ExtractionMode = "off" | "inline" | "background";

/** Application configuration, parsed once from the environment. */
export interface AppConfig {
  chatModel?: string;
  embeddings: string;
  dataDir: string;
  checkpointer: "sqlite" | "postgres" | "memory";
  postgresUrl?: string;
  /** Where history, thread registry and background queue live (MEMORIA_LEDGER): Postgres by default when MEMORIA_POSTGRES_URL is set. */
  ledger: "sqlite" | "postgres";
  /** Checkpoints kept per thread (0 keeps all). */
  checkpointKeep: number;
  /** Age after which a search reloads a user's lexicon, so other processes' writes show up (default 500 ms with CHROMA_URL, so replicas see each other's writes within 1 s; else 15,000). */
  searchMaxAgeMs: number;
  /** Memory budget of the in-process search indexes in bytes (MEMORIA_SEARCH_CACHE_MB). */
  searchCacheBytes?: number;
  /** Snapshot large users' search indexes under the data dir for fast restarts, with embedded Chroma (MEMORIA_SEARCH_SNAPSHOTS, default on). */
  searchSnapshots: boolean;
  collectionPrefix: string;
  allowRemoteModels: boolean;
  chromaUrl?: string;
  /** Default user of `memoria mcp` (MEMORIA_USER). */
  user?: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  /** Time one Chroma request may take (MEMORIA_CHROMA_TIMEOUT_MS, default 15 s). */
  chromaTimeoutMs: number;
  /** Time one chat model call may take (MEMORIA_MODEL_TIMEOUT_MS, default 120 s). */
  modelTimeoutMs: number;
  /** MEMORIA_EXTRACTION; unset lets each entry point pick its default. */
  extraction?: ExtractionMode;
  /** Jobs one user may have waiting in the background queue before a new one waits for room (MEMORIA_QUEUE_MAX_PER_USER, default 200). */
  queueMaxPerUser: number;
  /** How long a job waits for room in a full user queue before failing with QueueFullError (MEMORIA_QUEUE_WAIT_MS, default 30 s). */
  queueWaitMs: number;
  /** Largest user message any run accepts (MEMORIA_MAX_MESSAGE_CHARS / _TOKENS; unset: DEFAULTS); a run's context may only lower it. */
  messageLimits: { maxMessageChars?: number; maxMessageTokens?: number };
  /** Bearer-token auth of the HTTP server (MEMORIA_HTTP_TOKENS, MEMORIA_JWT_*); off (local development) when none is set. */
  httpAuth: HttpAuthConfig;
}

/** Parses environment variables into an AppConfig; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.MEMORIA_CHECKPOINTER === "postgres" && !e.MEMORIA_POSTGRES_URL) {
    throw new ConfigError("MEMORIA_CHECKPOINTER=postgres needs MEMORIA_POSTGRES_URL (postgresql://user:pass@host/db).");
  }
  if (e.MEMORIA_LEDGER === "postgres" && !e.MEMORIA_POSTGRES_URL) {
    throw new ConfigError("MEMORIA_LEDGER=postgres needs MEMORIA_POSTGRES_URL (postgresql://user:pass@host/db).");
  }
  return {
    chatModel: e.MEMORIA_CHAT_MODEL,
    embeddings: e.MEMORIA_EMBEDDINGS,
    dataDir: resolve(e.MEMORIA_DATA_DIR),
    checkpointer: e.MEMORIA_CHECKPOINTER,
    postgresUrl: e.MEMORIA_POSTGRES_URL,
    ledger: e.MEMORIA_LEDGER ?? (e.MEMORIA_POSTGRES_URL ? "postgres" : "sqlite"),
    checkpointKeep: e.MEMORIA_CHECKPOINT_KEEP,
    searchMaxAgeMs: e.MEMORIA_SEARCH_MAX_AGE_MS ?? (e.CHROMA_URL ? 500 : Infinity),
    searchCacheBytes: e.MEMORIA_SEARCH_CACHE_MB === undefined ? undefined : e.MEMORIA_SEARCH_CACHE_MB * 2 ** 20,
    searchSnapshots: e.MEMORIA_SEARCH_SNAPSHOTS === "1" || e.MEMORIA_SEARCH_SNAPSHOTS === "true",
    collectionPrefix: e.MEMORIA_COLLECTION_PREFIX,
    allowRemoteModels: e.MEMORIA_ALLOW_REMOTE_MODELS === "1" || e.MEMORIA_ALLOW_REMOTE_MODELS === "true",
    chromaUrl: e.CHROMA_URL,
    user: e.MEMORIA_USER,
    openaiApiKey: e.OPENAI_API_KEY,
    openaiBaseUrl: e.OPENAI_BASE_URL,
    chromaTimeoutMs: e.MEMORIA_CHROMA_TIMEOUT_MS,
    modelTimeoutMs: e.MEMORIA_MODEL_TIMEOUT_MS,
    extraction: e.MEMORIA_EXTRACTION,
    queueMaxPerUser: e.MEMORIA_QUEUE_MAX_PER_USER,
    queueWaitMs: e.MEMORIA_QUEUE_WAIT_MS,
    messageLimits: { maxMessageChars: e.MEMORIA_MAX_MESSAGE_CHARS, maxMessageTokens: e.MEMORIA_MAX_MESSAGE_TOKENS },
    httpAuth: httpAuthConfig({
      tokens: e.MEMORIA_HTTP_TOKENS,
      secret: e.MEMORIA_JWT_SECRET,
      publicKey: e.MEMORIA_JWT_PUBLIC_KEY,
      issuer: e.MEMORIA_JWT_ISSUER,
      audience: e.MEMORIA_JWT_AUDIENCE,
      userClaim: e.MEMORIA_JWT_USER_CLAIM,
    }),
  };
}
