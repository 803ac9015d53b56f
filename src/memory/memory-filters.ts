import { z } from "zod";
import { InvalidInputError } from "../config/errors.js";
import { describeIssues, IsoDateSchema } from "./field-limits.js";
import { MemoryKind, MemoryType, type MemoryFilters } from "./types.js";

/** Filters of `MemoryApi.search` and `MemoryApi.list`: the memory filters, plus includeHistorical to also get superseded memories. */
export type SearchFilters = MemoryFilters & { includeHistorical?: boolean };

const text = z.string().trim().min(1, "must be a non-empty text");

/** Every supported filter field and the exact value it takes; nothing else filters, so anything else is refused. */
const FILTER_FIELDS: Record<keyof SearchFilters, z.ZodType> = {
  type: MemoryType,
  kind: MemoryKind,
  category: text,
  subject: text,
  createdFrom: IsoDateSchema,
  createdTo: IsoDateSchema,
  eventFrom: IsoDateSchema,
  eventTo: IsoDateSchema,
  includeHistorical: z.boolean(),
};

/** The supported filter fields, in the order the docs list them. */
export const FILTER_FIELD_NAMES = Object.keys(FILTER_FIELDS) as (keyof SearchFilters)[];

const LOGICAL = new Set(["and", "or", "not", "$and", "$or", "$not"]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function problemOf(field: string, value: unknown): string | undefined {
  if (LOGICAL.has(field.toLowerCase())) return `logical operator "${field}" is not supported`;
  const schema = (FILTER_FIELDS as Record<string, z.ZodType | undefined>)[field];
  if (!schema) return `unknown filter field "${field}"`;
  if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith("$"))) {
    const ops = Object.keys(value).filter((k) => k.startsWith("$"));
    return `operator ${ops.map((op) => `"${op}"`).join(", ")} on "${field}" is not supported (exact values only)`;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : `"${field}" ${describeIssues(parsed.error).replace(/^input: /, "")}`;
}

/**
 * Checks memory filters against the one supported specification (exact values of FILTER_FIELD_NAMES; no operators, no AND/OR/NOT)
 * and returns them without absent fields; anything else is an InvalidInputError naming the field or operator, so a filter never
 * silently does nothing.
 */
export function checkMemoryFilters(filters: unknown, what = "filters"): SearchFilters {
  if (filters === undefined || filters === null) return {};
  if (!isPlainObject(filters)) throw new InvalidInputError(`Invalid ${what}: expected an object of field values, not ${typeof filters}.`);
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const problem = problemOf(field, value);
    if (problem) problems.push(problem);
    else out[field] = value;
  }
  if (problems.length) {
    throw new InvalidInputError(
      `Invalid ${what}: ${problems.join("; ")}. Supported filters: ${FILTER_FIELD_NAMES.join(", ")}, each an exact value (no operators).`,
    );
  }
  return out as SearchFilters;
}
