import { ConfigError } from "../config/errors.js";
import type { GrammarJsonSchema } from "./llama-cpp-types.js";

type Node = Record<string, unknown>;

const SCALARS = ["string", "number", "integer", "boolean", "null"] as const;
const GBNF_FORMATS = new Set(["date-time", "time", "date"]);
const ANY: Node = { oneOf: [{ type: [...SCALARS] }, { type: "object", additionalProperties: true }, { type: "array" }] };

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapValues(record: unknown): Node | undefined {
  if (!isNode(record)) return undefined;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, convert(v)]));
}

function withDescription(out: Node, node: Node): Node {
  return typeof node.description === "string" ? { ...out, description: node.description } : out;
}

function pick(node: Node, keys: string[]): Node {
  return Object.fromEntries(keys.filter((k) => node[k] !== undefined).map((k) => [k, node[k]]));
}

function convertTyped(node: Node, type: unknown): Node {
  switch (type) {
    case "object": {
      const extra = node.additionalProperties;
      return {
        type,
        ...pick(node, ["required", "minProperties", "maxProperties"]),
        ...(node.properties !== undefined && { properties: mapValues(node.properties) }),
        ...(extra !== undefined && { additionalProperties: typeof extra === "boolean" ? extra : convert(extra) }),
      };
    }
    case "array":
      return {
        type,
        ...pick(node, ["minItems", "maxItems"]),
        ...(node.items !== undefined && { items: convert(node.items) }),
        ...(Array.isArray(node.prefixItems) && { prefixItems: node.prefixItems.map(convert) }),
      };
    case "string":
      return typeof node.format === "string" && GBNF_FORMATS.has(node.format)
        ? { type, format: node.format }
        : { type, ...pick(node, ["minLength", "maxLength"]) };
    default:
      if (typeof type === "string" && (SCALARS as readonly string[]).includes(type)) return { type };
      throw new ConfigError(`JSON schema type ${JSON.stringify(type)} cannot be enforced by a llama.cpp grammar.`);
  }
}

function convert(schema: unknown): Node {
  if (schema === true || (isNode(schema) && Object.keys(schema).every((k) => k === "description" || k === "title"))) return ANY;
  if (!isNode(schema)) throw new ConfigError(`Invalid JSON schema node: ${JSON.stringify(schema)}`);
  let out: Node;
  if (typeof schema.$ref === "string") out = { $ref: schema.$ref };
  else if ("const" in schema) out = { const: schema.const };
  else if (Array.isArray(schema.enum)) out = { enum: schema.enum };
  else if (Array.isArray(schema.anyOf ?? schema.oneOf)) out = { oneOf: ((schema.anyOf ?? schema.oneOf) as unknown[]).map(convert) };
  else if (Array.isArray(schema.allOf) && schema.allOf.length === 1) out = convert(schema.allOf[0]);
  else if (Array.isArray(schema.type)) {
    const branches = schema.type.map((t) => convertTyped(schema, t));
    out = branches.length === 1 ? branches[0]! : { oneOf: branches };
  } else if (schema.type !== undefined) out = convertTyped(schema, schema.type);
  else throw new ConfigError(`JSON schema node ${JSON.stringify(schema)} cannot be enforced by a llama.cpp grammar.`);
  if (schema.$defs !== undefined) out.$defs = mapValues(schema.$defs);
  return withDescription(out, schema);
}

/** Rewrites a JSON schema (e.g. from zod) into the subset node-llama-cpp grammars enforce; the parsed output must still be validated. */
export function toGbnfJsonSchema(schema: unknown): GrammarJsonSchema {
  return convert(schema) as GrammarJsonSchema;
}
