import type { Logger } from "../config/logger.js";
import { CategorySchema, FIELD_LIMITS, ImportanceSchema, IsoDateSchema, MemoryContentSchema, SubjectSchema } from "./field-limits.js";
import { MemoryType, type EntityUpdate, type NewMemory } from "./types.js";

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Checks one model-made memory against the stored-field rules: an empty, over-long or untyped memory is dropped (undefined);
 * a bad category, importance, event date or subject is replaced by a safe default. Every change is logged.
 */
export function sanitizeNewMemory(memory: NewMemory, logger: Logger): NewMemory | undefined {
  const raw = typeof memory.content === "string" ? memory.content.trim() : "";
  if (!raw) return undefined;
  const content = MemoryContentSchema.safeParse(raw);
  const drop = (why: string) => (logger.warn(`memory dropped, ${why}: "${clip(raw)}"`), undefined);
  if (!content.success) return drop(`content is ${raw.length} characters (limit ${FIELD_LIMITS.content})`);
  if (!MemoryType.safeParse(memory.type).success) return drop(`unknown type "${clip(String(memory.type), 40)}"`);
  const fixed: string[] = [];
  const pick = <T>(ok: boolean, value: T, fallback: T, field: string): T => (ok ? value : (fixed.push(field), fallback));
  const category = CategorySchema.safeParse(memory.category);
  const importance = ImportanceSchema.safeParse(memory.importance);
  const eventDate = memory.eventDate == null || IsoDateSchema.safeParse(memory.eventDate).success;
  const subject = memory.subject == null || SubjectSchema.safeParse(memory.subject).success;
  const supersedes = memory.supersedes == null || MemoryContentSchema.safeParse(memory.supersedes).success;
  const out: NewMemory = {
    ...memory,
    content: content.data,
    category: pick(category.success, category.data!, "other", "category"),
    importance: pick(
      importance.success,
      importance.data!,
      Number.isFinite(memory.importance) ? Math.min(1, Math.max(0, memory.importance)) : 0.5,
      "importance",
    ),
    eventDate: pick(eventDate, memory.eventDate ?? null, null, "eventDate"),
    subject: pick(subject, memory.subject?.trim() ?? null, null, "subject"),
    supersedes: pick(supersedes, memory.supersedes ?? null, null, "supersedes"),
  };
  if (fixed.length) logger.warn(`memory kept with default ${fixed.join(", ")} (invalid model output): "${clip(raw)}"`);
  return out;
}

/** Checks one model-made entity update: an empty or over-long name drops it; over-long attributes are dropped and the kind is bounded. */
export function sanitizeEntityUpdate(update: EntityUpdate, logger: Logger): EntityUpdate | undefined {
  const name = typeof update.name === "string" ? update.name.trim() : "";
  if (!name || name.length > FIELD_LIMITS.entityName) {
    logger.warn(`entity dropped: its name is empty or over ${FIELD_LIMITS.entityName} characters: "${clip(name)}"`);
    return undefined;
  }
  const kind = typeof update.kind === "string" ? update.kind.trim() : "";
  const entries = Object.entries(update.attributes ?? {}).map(([k, v]) => [String(k), String(v ?? "")] as const);
  const fits = entries
    .filter(([k, v]) => k.length <= FIELD_LIMITS.attributeKey && v.length <= FIELD_LIMITS.attributeValue)
    .slice(0, FIELD_LIMITS.attributesPerEntity);
  const kindFits = kind.length <= FIELD_LIMITS.entityKind;
  if (fits.length < entries.length || !kindFits) {
    logger.warn(
      `entity "${clip(name, 40)}": ${entries.length - fits.length} attribute(s) over the limits dropped${kindFits ? "" : ", over-long kind replaced"}`,
    );
  }
  return { ...update, name, kind: kindFits ? kind : "thing", attributes: Object.fromEntries(fits) };
}
