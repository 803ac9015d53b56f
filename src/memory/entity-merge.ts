import type { EntityRecord, EntityUpdate } from "./types.js";
import { normalizeText } from "./content-hash.js";

const VAGUE_KINDS = new Set(["", "thing", "other", "unknown", "entity"]);

/** Normalises an attribute key: lowercase words joined by underscores. */
export function normalizeAttributeKey(key: string): string {
  return normalizeText(key).replace(/ /g, "_");
}

/** Merges an entity update into what is known: new attribute values win, empty values remove a key, a vague kind is refined. */
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
  };
}

/** Renders an entity as one line of text (used for embedding and for prompts). */
export function renderEntity(e: Pick<EntityRecord, "name" | "kind" | "attributes">): string {
  const attrs = Object.entries(e.attributes).map(([k, v]) => `${k.replace(/_/g, " ")}: ${v}`);
  return attrs.length ? `${e.name} (${e.kind}): ${attrs.join("; ")}` : `${e.name} (${e.kind})`;
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
