import { getTextAtPath } from "@langchain/langgraph-checkpoint";
import { InvalidInputError } from "../config/errors.js";
import { compileFilter } from "../memory/filters/match-filter.js";
import { parseValueFilter, valueField } from "../memory/filters/parse-filter.js";
import type { NewMemory } from "../memory/types.js";
import { MemoryType, type MemoryRecord } from "../memory/types.js";

/** Value fields stored as the memory's own fields; everything else is kept beside it. */
export const MEMORY_FIELDS = ["content", "type", "category", "importance", "eventDate", "subject"] as const;

type MemoryFields = Omit<NewMemory, "supersedes">;

/** The text put's `index: ["field", "a.b", "list[*]", "$"]` embeds: those paths' strings (LangGraph's getTextAtPath; `$` is the value as JSON), one a line. */
export function indexedText(value: Record<string, unknown>, fields: string[]): string {
  return fields.flatMap((f) => (f === "$" ? [JSON.stringify(value)] : getTextAtPath(value, f))).join("\n");
}

/**
 * Splits a store value into the memory's fields and the extra fields; the text is `content`, else `text`, else the value as JSON,
 * or, given `index` fields, those fields' text (the value's own `content`/`text` then stays among the extra fields).
 */
export function valueToMemory(
  value: Record<string, unknown>,
  index?: string[],
): { memory: MemoryFields; extra: Record<string, unknown>; fields: string[] } {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new InvalidInputError("A store value must be an object.");
  const text = index
    ? indexedText(value, index)
    : typeof value.content === "string"
      ? value.content
      : typeof value.text === "string"
        ? value.text
        : JSON.stringify(value);
  if (!text.trim())
    throw new InvalidInputError(
      index ? `The indexed fields ${JSON.stringify(index)} hold no text.` : "A store value needs a non-empty `content` (or `text`).",
    );
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
  const textKey = index || typeof value.content === "string" ? [] : typeof value.text === "string" ? ["text"] : [];
  const own = [...MEMORY_FIELDS.filter((f) => f in value && !(index && f === "content")), ...textKey];
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

/** The predicate of a LangGraph store filter over item values, in the one filter language (parseValueFilter); throws InvalidInputError when it would not filter as asked. */
export function storeFilter(filter: Record<string, unknown> | undefined): (value: Record<string, unknown>) => boolean {
  const node = parseValueFilter(filter);
  return node ? compileFilter(node, valueField) : () => true;
}
