import { InvalidInputError } from "../config/errors.js";
import type { NewMemory } from "../memory/types.js";
import { MemoryType, type MemoryRecord } from "../memory/types.js";

/** Value fields stored as the memory's own fields; everything else is kept beside it. */
export const MEMORY_FIELDS = ["content", "type", "category", "importance", "eventDate", "subject"] as const;

type MemoryFields = Omit<NewMemory, "supersedes">;

/** Splits a store value into the memory's fields and the extra fields; the text is `content`, else `text`, else the value as JSON. */
export function valueToMemory(value: Record<string, unknown>): { memory: MemoryFields; extra: Record<string, unknown>; fields: string[] } {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new InvalidInputError("A store value must be an object.");
  const text = typeof value.content === "string" ? value.content : typeof value.text === "string" ? value.text : JSON.stringify(value);
  if (!text.trim()) throw new InvalidInputError("A store value needs a non-empty `content` (or `text`).");
  const type = value.type === undefined ? "fact" : MemoryType.safeParse(value.type).data;
  if (!type) throw new InvalidInputError(`type must be one of ${MemoryType.options.join(", ")}.`);
  const importance = value.importance === undefined ? 0.5 : Number(value.importance);
  if (!(importance >= 0 && importance <= 1)) throw new InvalidInputError("importance must be between 0 and 1.");
  const memory: MemoryFields = {
    content: text,
    type,
    category: typeof value.category === "string" && value.category.trim() ? value.category.trim().toLowerCase() : "other",
    importance,
    eventDate: typeof value.eventDate === "string" ? value.eventDate : null,
    subject: typeof value.subject === "string" ? value.subject : null,
  };
  const textKey = typeof value.content === "string" ? [] : typeof value.text === "string" ? ["text"] : [];
  const own = [...MEMORY_FIELDS.filter((f) => f in value), ...textKey];
  const extra = Object.fromEntries(Object.entries(value).filter(([k]) => !own.includes(k)));
  return { memory, extra, fields: own };
}

/** The store value of a memory: the caller's own fields when it was put through the store, else every memory field. */
export function memoryToValue(m: MemoryRecord, row?: { extra: Record<string, unknown>; fields: string[] }): Record<string, unknown> {
  const all: Record<string, unknown> = {
    content: m.content,
    type: m.type,
    category: m.category,
    importance: m.importance,
    eventDate: m.eventDate ?? null,
    subject: m.subject ?? null,
  };
  if (!row) return all;
  return { ...row.extra, ...Object.fromEntries(row.fields.map((f) => [f, f === "text" ? m.content : all[f]])) };
}

const OPERATORS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin"]);

const operatorsOf = (expected: unknown): string[] =>
  expected && typeof expected === "object" && !Array.isArray(expected) ? Object.keys(expected).filter((k) => k.startsWith("$")) : [];

/** Throws InvalidInputError for a store filter that would not filter as asked: an unsupported operator, or AND/OR/NOT. */
export function checkStoreFilter(filter: Record<string, unknown> | undefined): void {
  const problems = Object.entries(filter ?? {}).flatMap(([field, expected]) => {
    if (field.startsWith("$")) return [`logical operator "${field}" is not supported`];
    const ops = operatorsOf(expected);
    const mixed = ops.length && ops.length < Object.keys(expected as object).length ? [`"${field}" mixes operators and fields`] : [];
    const lists = ops.filter((op) => (op === "$in" || op === "$nin") && !Array.isArray((expected as Record<string, unknown>)[op]));
    return [
      ...mixed,
      ...ops.filter((op) => !OPERATORS.has(op)).map((op) => `operator "${op}" on "${field}" is not supported`),
      ...lists.map((op) => `"${op}" on "${field}" needs a list of values`),
    ];
  });
  if (problems.length) {
    throw new InvalidInputError(
      `Invalid store filter: ${problems.join("; ")}. Supported: a value per field (exact match) or ${[...OPERATORS].join(", ")}.`,
    );
  }
}

function compare(actual: unknown, op: string, expected: unknown): boolean {
  switch (op) {
    case "$eq":
      return JSON.stringify(actual) === JSON.stringify(expected);
    case "$ne":
      return JSON.stringify(actual) !== JSON.stringify(expected);
    case "$gt":
      return Number(actual) > Number(expected);
    case "$gte":
      return Number(actual) >= Number(expected);
    case "$lt":
      return Number(actual) < Number(expected);
    case "$lte":
      return Number(actual) <= Number(expected);
    case "$in":
      return Array.isArray(expected) && expected.some((e) => JSON.stringify(e) === JSON.stringify(actual));
    default:
      return Array.isArray(expected) && !expected.some((e) => JSON.stringify(e) === JSON.stringify(actual));
  }
}

/** Whether a value matches a LangGraph store filter: exact values, or operators $eq $ne $gt $gte $lt $lte $in $nin per field. */
export function matchesStoreFilter(value: Record<string, unknown>, filter: Record<string, unknown> | undefined): boolean {
  return Object.entries(filter ?? {}).every(([field, expected]) => {
    const actual = value[field];
    if (!operatorsOf(expected).length) return compare(actual, "$eq", expected);
    return Object.entries(expected as Record<string, unknown>).every(([op, v]) => compare(actual, op, v));
  });
}
