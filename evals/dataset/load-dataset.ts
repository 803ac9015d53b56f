import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { MemoriaError } from "../../src/config/errors.js";
import { Scenario } from "./schema.js";

/** Directory of the project's own personalization dataset. */
export const DEFAULT_DATASET_DIR = resolve(fileURLToPath(new URL(".", import.meta.url)), "../datasets/personalization");

/** A dataset file could not be read, parsed or validated; the message names the file and the path. */
export class DatasetError extends MemoriaError {}

function formatIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.slice(0, 10).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    return `  ${file} at ${path}: ${issue.message}`;
  });
  const more = error.issues.length > 10 ? `\n  ...and ${error.issues.length - 10} more` : "";
  return `Invalid scenario data:\n${lines.join("\n")}${more}`;
}

/** Validates parsed JSON (one scenario or a list) and names `file` and the JSON path in errors. */
export function parseScenarios(raw: unknown, file: string): Scenario[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => {
    const result = Scenario.safeParse(item);
    if (!result.success) throw new DatasetError(formatIssues(Array.isArray(raw) ? `${file}[${i}]` : file, result.error));
    return result.data;
  });
}

/** Reads and validates every `*.json` file of `dir` (sorted by name); scenario ids must be unique. */
export async function loadScenarios(dir: string = DEFAULT_DATASET_DIR): Promise<Scenario[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  if (names.length === 0) throw new DatasetError(`No .json scenario files in ${dir}`);
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch (cause) {
      throw new DatasetError(`${file}: not valid JSON (${(cause as Error).message})`, { cause });
    }
    for (const scenario of parseScenarios(raw, file)) {
      const other = seen.get(scenario.id);
      if (other) throw new DatasetError(`${file}: scenario id "${scenario.id}" already used in ${other}`);
      seen.set(scenario.id, file);
      scenarios.push(scenario);
    }
  }
  return scenarios;
}

/** Which scenarios to keep: explicit ids (in that order) and/or the first `limit`. */
export interface PickOptions {
  ids?: string[];
  limit?: number;
}

/** Picks scenarios for smoke runs; unknown ids throw, naming the known ones. */
export function pickScenarios(list: Scenario[], pick: PickOptions | string[] | number = {}): Scenario[] {
  const options: PickOptions = Array.isArray(pick) ? { ids: pick } : typeof pick === "number" ? { limit: pick } : pick;
  let out = list;
  if (options.ids && options.ids.length > 0) {
    const byId = new Map(list.map((s) => [s.id, s]));
    const missing = options.ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw new DatasetError(`Unknown scenario id(s) ${missing.join(", ")}; known: ${list.map((s) => s.id).join(", ")}`);
    }
    out = options.ids.map((id) => byId.get(id)!);
  }
  if (options.limit !== undefined) {
    if (!Number.isInteger(options.limit) || options.limit < 0)
      throw new DatasetError(`limit must be a non-negative integer, got ${options.limit}`);
    out = out.slice(0, options.limit);
  }
  return out;
}
