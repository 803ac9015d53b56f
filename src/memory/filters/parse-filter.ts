import { InvalidInputError } from "../../config/errors.js";
import { FILTER_OPS, type FilterNode, type FilterOp, type FilterScalar } from "../filter-node.js";
import { IsoDateSchema } from "../field-limits.js";
import { MemoryKind, MemoryType } from "../types.js";
import { fieldSpec, METADATA_PREFIX, PUBLIC_FIELD_NAMES, type FieldResolver } from "./filter-fields.js";

/** A filter as callers write it: `{ field: value }`, `{ field: { $op: value } }`, `AND` / `OR` / `NOT`, `metadata.key` fields. */
export type FilterInput = { includeHistorical?: boolean } & Record<string, unknown>;

/** A checked filter: whether superseded memories are wanted, and the filter node (absent: no condition). */
export interface ParsedFilter {
  includeHistorical?: boolean;
  where?: FilterNode;
}

const LOGICAL: Record<string, "and" | "or" | "not"> = { and: "and", $and: "and", or: "or", $or: "or", not: "not", $not: "not" };
const BOUNDS: Record<string, [string, FilterOp]> = {
  createdFrom: ["createdAt", "$gte"],
  createdTo: ["createdAt", "$lte"],
  eventFrom: ["eventDate", "$gte"],
  eventTo: ["eventDate", "$lte"],
};
const ENUMS: Record<string, readonly string[]> = { type: MemoryType.options, kind: MemoryKind.options };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isScalar = (v: unknown): v is FilterScalar =>
  v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
const opName = (key: string): FilterOp | undefined => {
  const op = (key.startsWith("$") ? key : `$${key}`) as FilterOp;
  return FILTER_OPS.includes(op) ? op : undefined;
};

class Parser {
  readonly problems: string[] = [];

  constructor(
    private readonly fieldSpec: FieldResolver<never>,
    private readonly memoryFields: boolean,
  ) {}

  value(field: string, op: FilterOp, v: unknown): FilterScalar | FilterScalar[] | undefined {
    const spec = this.fieldSpec(field)!;
    if (op === "$in" || op === "$nin") {
      if (!Array.isArray(v) || !v.length) return void this.problems.push(`"${op}" on "${field}" needs a non-empty list of values`);
      const items = v.map((x) => this.value(field, "$eq", x));
      return items.some((x) => x === undefined) ? undefined : (items as FilterScalar[]);
    }
    if (!isScalar(v))
      return void this.problems.push(
        `"${field}" ${op} takes a text, number, boolean or null, not ${Array.isArray(v) ? "a list" : typeof v}`,
      );
    if ((op === "$contains" || op === "$icontains") && typeof v !== "string" && spec.kind !== "any")
      return void this.problems.push(`"${op}" on "${field}" needs a text`);
    const allowed = this.memoryFields ? ENUMS[field] : undefined;
    if (allowed && op !== "$contains" && op !== "$icontains" && !allowed.includes(String(v)))
      return void this.problems.push(`"${field}" must be one of ${allowed.join(", ")}; got ${JSON.stringify(v)}`);
    if (spec.kind === "date" && !IsoDateSchema.safeParse(v).success)
      return void this.problems.push(`"${field}" needs an ISO date; got ${JSON.stringify(v)}`);
    if (spec.kind === "number" && typeof v !== "number")
      return void this.problems.push(`"${field}" needs a number; got ${JSON.stringify(v)}`);
    if (spec.kind === "string" && typeof v !== "string")
      return void this.problems.push(`"${field}" needs a text; got ${JSON.stringify(v)}`);
    return v;
  }

  condition(field: string, cond: unknown): FilterNode[] {
    if (!isObject(cond)) {
      if (Array.isArray(cond)) return (void this.problems.push(`"${field}" takes one value; use { $in: [...] } for a list`), []);
      const value = this.value(field, "$eq", cond);
      return value === undefined ? [] : [{ field, op: "$eq", value }];
    }
    const keys = Object.keys(cond);
    if (!keys.length) return (void this.problems.push(`"${field}" has an empty condition`), []);
    return keys.flatMap((key): FilterNode[] => {
      const op = opName(key);
      if (!op) return (void this.problems.push(`unknown operator "${key}" on "${field}"`), []);
      const value = this.value(field, op, cond[key]);
      return value === undefined ? [] : [{ field, op, value }];
    });
  }

  clauses(input: unknown, where: string): FilterNode[] {
    if (!isObject(input)) return (void this.problems.push(`${where} must be an object of conditions`), []);
    return Object.entries(input).flatMap(([key, cond]): FilterNode[] => {
      if (cond === undefined) return [];
      const logical = LOGICAL[key.toLowerCase()];
      if (logical) return this.logical(logical, key, cond);
      if (this.memoryFields && key in BOUNDS) {
        const [field, op] = BOUNDS[key]!;
        const value = this.value(field, op, cond);
        return value === undefined ? [] : [{ field, op, value }];
      }
      if (this.memoryFields && key === "metadata") {
        if (!isObject(cond)) return (void this.problems.push(`"metadata" must be an object of metadata conditions`), []);
        return Object.entries(cond).flatMap(([k, c]) => this.condition(METADATA_PREFIX + k, c));
      }
      const spec = this.fieldSpec(key);
      if (!spec || spec.internal)
        return (void this.problems.push(`unknown filter field "${key}" (metadata keys are "${METADATA_PREFIX}${key}")`), []);
      return this.condition(key, cond);
    });
  }

  logical(kind: "and" | "or" | "not", key: string, cond: unknown): FilterNode[] {
    const list = Array.isArray(cond) ? cond : kind === "not" ? [cond] : undefined;
    if (!list?.length) return (void this.problems.push(`"${key}" needs a non-empty list of conditions`), []);
    const nodes = list.map((c, i) => all(this.clauses(c, `${key}[${i}]`)));
    if (kind === "not") return [{ not: all(nodes) }];
    return [kind === "and" ? all(nodes) : { or: nodes }];
  }
}

const all = (nodes: FilterNode[]): FilterNode => (nodes.length === 1 ? nodes[0]! : { and: nodes });

/**
 * Parses a filter of the one memory filter language: built-in fields (PUBLIC_FIELD_NAMES) and `metadata.key` fields, each a
 * value or `{ $eq $ne $gt $gte $lt $lte $in $nin $contains $icontains }` (the `$` is optional), combined with AND / OR / NOT.
 * Anything unknown or ill-typed throws InvalidInputError naming it, so a filter never silently does nothing.
 */
export function parseFilter(input: unknown, what = "filters"): ParsedFilter {
  if (input === undefined || input === null) return {};
  if (!isObject(input)) throw new InvalidInputError(`Invalid ${what}: expected an object of conditions, not ${typeof input}.`);
  const { includeHistorical, ...rest } = input;
  const parser = new Parser(fieldSpec as FieldResolver<never>, true);
  if (includeHistorical !== undefined && typeof includeHistorical !== "boolean")
    parser.problems.push(`"includeHistorical" must be true or false`);
  const nodes = parser.clauses(rest, what);
  if (parser.problems.length) {
    const fields = [...PUBLIC_FIELD_NAMES, `${METADATA_PREFIX}<key>`].join(", ");
    throw new InvalidInputError(
      `Invalid ${what}: ${parser.problems.join("; ")}. Fields: ${fields}; operators: ${FILTER_OPS.join(" ")}; AND / OR / NOT.`,
    );
  }
  const out: ParsedFilter = {};
  if (typeof includeHistorical === "boolean") out.includeHistorical = includeHistorical;
  if (nodes.length) out.where = all(nodes);
  return out;
}

/** Parses a filter over plain objects (e.g. a LangGraph store item's value): every top-level key is a field, compared as JSON scalars. */
export function parseValueFilter(input: unknown, what = "store filter"): FilterNode | undefined {
  if (input === undefined || input === null) return undefined;
  if (!isObject(input)) throw new InvalidInputError(`Invalid ${what}: expected an object of conditions, not ${typeof input}.`);
  const parser = new Parser(valueField as FieldResolver<never>, false);
  const nodes = parser.clauses(input, what);
  if (parser.problems.length) {
    throw new InvalidInputError(`Invalid ${what}: ${parser.problems.join("; ")}. Operators: ${FILTER_OPS.join(" ")}; AND / OR / NOT.`);
  }
  return nodes.length ? all(nodes) : undefined;
}

/** The field of a plain object a value filter reads: its top-level key. */
export const valueField: FieldResolver<Record<string, unknown>> = (field) => ({ kind: "any", read: (v) => v[field] });

/** Filters of `MemoryApi.search`, `list` and `deleteAll`: the filter language, plus includeHistorical to also get superseded memories. */
export type SearchFilters = FilterInput;
