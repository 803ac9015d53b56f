import type { EntityRecord, EntityStatus, EntityUpdate } from "./types.js";
import { normalizeText } from "./content-hash.js";
import { FIELD_LIMITS } from "./field-limits.js";

const VAGUE_KINDS = new Set(["", "thing", "other", "unknown", "entity"]);

/** Normalises an attribute key: lowercase words joined by underscores. */
export function normalizeAttributeKey(key: string): string {
  return normalizeText(key).replace(/ /g, "_");
}

/** The status after an update: a stated status wins, an unstated one keeps the old (new entities are current). */
export function mergeStatus(
  existing: Pick<EntityRecord, "status" | "validUntil"> | undefined,
  stated: EntityStatus | null | undefined,
  now: string,
): { status: EntityStatus; validUntil: string | null } {
  const status = stated ?? existing?.status ?? "current";
  if (status === "current") return { status, validUntil: null };
  return { status, validUntil: existing?.status === "former" ? (existing.validUntil ?? now) : now };
}

/** Merges an entity update into what is known: new attribute values win, empty values remove a key, a vague kind is refined, a stated status wins. */
export function mergeEntity(
  existing: EntityRecord | undefined,
  update: EntityUpdate,
  base: { id: string; userId: string; now: string },
): EntityRecord {
  const attributes: Record<string, string> = { ...(existing?.attributes ?? {}) };
  for (const [rawKey, rawValue] of Object.entries(update.attributes)) {
    const key = normalizeAttributeKey(rawKey);
    if (!key) continue;
    const value = String(rawValue ?? "").trim();
    if (value) attributes[key] = value;
    else delete attributes[key];
  }
  for (const key of Object.keys(attributes).slice(0, -FIELD_LIMITS.attributesPerEntity)) delete attributes[key];
  const newKind = update.kind.trim().toLowerCase();
  const kind = existing && (VAGUE_KINDS.has(newKind) || !VAGUE_KINDS.has(existing.kind)) ? existing.kind : newKind || "thing";
  return {
    id: base.id,
    userId: base.userId,
    name: existing?.name ?? update.name.trim(),
    kind,
    attributes,
    createdAt: existing?.createdAt ?? base.now,
    updatedAt: base.now,
    lastAccessedAt: existing?.lastAccessedAt ?? null,
    accessCount: existing?.accessCount ?? 0,
    ...mergeStatus(existing, update.status, base.now),
  };
}

/** Renders an entity as one line of text (used for embedding and for prompts); a former entity says so beside its kind. */
export function renderEntity(e: Pick<EntityRecord, "name" | "kind" | "attributes" | "status">): string {
  const attrs = Object.entries(e.attributes).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`);
  const head = `${e.name} (${e.kind}${e.status === "former" ? ", former" : ""})`;
  return attrs.length ? `${head}: ${attrs.join("; ")}` : head;
}

/** Orders relevant entities: those named in the message first, then similar current ones, then similar former ones. */
export function orderRelevant<T extends Pick<EntityRecord, "id" | "status">>(named: T[], similar: T[], limit: number): T[] {
  const isFormer = (e: T) => e.status === "former";
  const byId = new Map<string, T>();
  for (const e of [...named, ...similar.filter((x) => !isFormer(x)), ...similar.filter(isFormer)]) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].slice(0, limit);
}

/** True when the text mentions the entity by full name, or by a capitalised part of its name. */
export function mentions(text: string, name: string): boolean {
  const normalizedText = ` ${normalizeText(text)} `;
  const normalizedName = normalizeText(name);
  if (normalizedName && normalizedText.includes(` ${normalizedName} `)) return true;
  const words = new Set(text.match(/[\p{Lu}][\p{L}\p{N}'-]*/gu) ?? []);
  return name
    .split(/\s+/)
    .filter((part) => part.length >= 3 && /^\p{Lu}/u.test(part))
    .some((part) => words.has(part));
}

const nameWords = (name: string): string[] => normalizeText(name).split(" ").filter(Boolean);
const kindsAgree = (a: string, b: string): boolean => a === b || VAGUE_KINDS.has(a) || VAGUE_KINDS.has(b);

/**
 * The one known entity an update names by a shorter or longer form of its name ("Brightside" and "Brightside Studio": one name's
 * words start the other's) with a compatible kind; undefined when there is none or more than one, so ambiguous names stay apart.
 */
export function resolvePartialName<T extends Pick<EntityRecord, "name" | "kind">>(
  update: Pick<EntityUpdate, "name" | "kind">,
  known: T[],
): T | undefined {
  const words = nameWords(update.name);
  if (!words.length || words.join(" ").length < 3) return undefined;
  const kind = update.kind.trim().toLowerCase();
  const matches = known.filter((e) => {
    const other = nameWords(e.name);
    if (!other.length || other.length === words.length || !kindsAgree(kind, e.kind)) return false;
    const [short, long] = other.length < words.length ? [other, words] : [words, other];
    return short.join(" ").length >= 3 && short.every((w, i) => long[i] === w);
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** The name to keep when an update reaches an entity under another form of its name: the longer, more specific one. */
export function fullerName(existing: string, update: string): string {
  return nameWords(update).length > nameWords(existing).length ? update.trim() : existing;
}
