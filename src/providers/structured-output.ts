import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { ModelOutputError } from "../config/errors.js";
import { toGbnfJsonSchema } from "./gbnf-json-schema.js";
import type { GrammarJsonSchema } from "./llama-cpp-types.js";

interface Issue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

type ValidationResult = { value: unknown; issues?: undefined } | { issues: readonly Issue[] };

interface StandardSchemaLike {
  "~standard": { validate(value: unknown): ValidationResult | Promise<ValidationResult> };
}

function isStandardSchema(schema: unknown): schema is StandardSchemaLike {
  const standard = (schema as Partial<StandardSchemaLike> | null)?.["~standard"];
  return typeof standard?.validate === "function";
}

function describe(issue: Issue): string {
  const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The grammar-enforceable JSON schema for a zod, Standard Schema or plain JSON schema. */
export function grammarSchemaFor(schema: unknown): GrammarJsonSchema {
  return toGbnfJsonSchema(toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]));
}

/** Parses model text as JSON and validates it with the schema; throws ModelOutputError whose cause is the raw text. */
export async function parseStructuredOutput(raw: string, schema: unknown, truncated = false): Promise<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const why = truncated ? "it was cut off by maxTokens" : (error as Error).message;
    throw new ModelOutputError(`Model output is not valid JSON (${why}).`, { cause: raw });
  }
  if (!isStandardSchema(schema)) return json;
  const result = await schema["~standard"].validate(json);
  if (result.issues) {
    throw new ModelOutputError(`Model output does not match the schema: ${result.issues.map(describe).join("; ")}`, { cause: raw });
  }
  return result.value;
}
