import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError } from "./errors.js";

/** Loads `.env` (or the given file) into the environment when it exists; variables already set win. Returns the file loaded, if any. */
export function loadDotEnv(file = ".env"): string | undefined {
  const path = resolve(file);
  if (!existsSync(path)) return undefined;
  try {
    process.loadEnvFile(path);
  } catch (cause) {
    throw new ConfigError(`Could not read ${path}: ${(cause as Error).message}`, { cause });
  }
  return path;
}
