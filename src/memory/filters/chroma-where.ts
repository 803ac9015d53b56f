import type { FilterNode, FilterScalar } from "../filter-node.js";
import type { MemoryFilter } from "../types.js";
import { CHROMA_METADATA_PREFIX, fieldSpec } from "./filter-fields.js";
import { memoryFilterNode } from "./memory-filter-node.js";

/** A Chroma `where` clause (the shape of chromadb's Where, kept free of the client so this module stays a leaf). */
export type ChromaWhere = Record<string, unknown>;

const PUSHED = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);
const msOf = (v: FilterScalar): number | undefined => (typeof v === "string" ? Date.parse(v) : undefined);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/** The Chroma clause of one comparison, or undefined when only the in-memory match can decide it. */
function comparison(field: string, op: string, value: FilterScalar | FilterScalar[]): ChromaWhere | undefined {
  const spec = fieldSpec(field);
  const key = spec?.chromaKey;
  if (!spec || !key || !PUSHED.has(op)) return undefined;
  if (field === "kind") {
    if (op !== "$eq" && op !== "$ne") return undefined;
    const episode = (value === "episode") === (op === "$eq");
    return { kind: episode ? { $eq: "episode" } : { $ne: "episode" } };
  }
  if (spec.sparse && (op === "$ne" || op === "$nin")) return undefined;
  if (spec.kind === "date") {
    const ms = Array.isArray(value) ? undefined : msOf(value);
    if (ms === undefined || !Number.isFinite(ms) || op === "$in" || op === "$nin") return undefined;
    const clause = { [key]: { [op]: ms } };
    return field === "eventDate" && op !== "$ne" ? { $and: [{ [key]: { $gt: 0 } }, clause] } : clause;
  }
  if (key.startsWith(CHROMA_METADATA_PREFIX)) {
    const scalar = (v: unknown) => isText(v) || typeof v === "boolean";
    if (op === "$eq" && scalar(value)) return { [key]: { $eq: value } };
    if (op === "$in" && Array.isArray(value) && value.length && value.every(scalar)) return { [key]: { $in: value } };
    return undefined;
  }
  const ok = (v: unknown) => (spec.kind === "boolean" ? typeof v === "boolean" : isText(v));
  if ((op === "$in" || op === "$nin") && Array.isArray(value) && value.length && value.every(ok)) return { [key]: { [op]: value } };
  if (!Array.isArray(value) && ok(value) && (spec.kind !== "string" || op === "$eq" || op === "$ne")) return { [key]: { [op]: value } };
  return undefined;
}

const join = (op: "$and" | "$or", parts: ChromaWhere[]): ChromaWhere => (parts.length === 1 ? parts[0]! : { [op]: parts });

/**
 * The Chroma `where` of a filter node: a pre-filter that keeps every row the in-memory match accepts (so it may keep more).
 * Comparisons Chroma 1.0.5 does exactly go down; `$contains`, `not`, numbers in metadata and fields kept only in the packed
 * record stay in memory. Returns undefined when nothing can be pushed.
 */
export function chromaWhereOf(node: FilterNode): ChromaWhere | undefined {
  if ("and" in node) {
    const parts = node.and.map(chromaWhereOf).filter((w): w is ChromaWhere => w !== undefined);
    return parts.length ? join("$and", parts) : undefined;
  }
  if ("or" in node) {
    const parts = node.or.map(chromaWhereOf);
    return parts.length && parts.every((w) => w !== undefined) ? join("$or", parts as ChromaWhere[]) : undefined;
  }
  if ("not" in node) return undefined;
  return comparison(node.field, node.op, node.value);
}

/** Builds the Chroma `where` clause for a memory filter (always restricted to its user). */
export function memoryWhere(filter: MemoryFilter): ChromaWhere {
  return chromaWhereOf(memoryFilterNode(filter)) ?? { userId: { $eq: filter.userId } };
}
