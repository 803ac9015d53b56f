import { contentHash } from "../content-hash.js";
import type { MemoryRecord } from "../types.js";

/** How a field's values compare: as texts, numbers, booleans, instants (ISO in, ms compared) or any JSON scalar. */
export type FieldKind = "string" | "number" | "boolean" | "date" | "any";

/** One filterable field: how to read it from a record and the Chroma metadata key that holds it, if any. */
export interface FieldSpec<T = MemoryRecord> {
  kind: FieldKind;
  read(record: T): unknown;
  /** Chroma metadata key of the field (absent: filtered in memory only). */
  chromaKey?: string;
  /** The Chroma key is written only when the field is set: only $eq, $in and ranges go down (Chroma skips rows without the key). */
  sparse?: boolean;
  /** Fields memoria sets itself (owner, currency, content hash): not in the public filter language. */
  internal?: boolean;
}

/** Prefix of a metadata field in the filter language (`metadata.source`). */
export const METADATA_PREFIX = "metadata.";
/** Prefix of the Chroma key holding a top-level text or boolean metadata value (so filters on it reach Chroma's where). */
export const CHROMA_METADATA_PREFIX = "md.";

const msOf = (iso: string | null | undefined): number | undefined => {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
};

/** The built-in fields of a memory the filter language knows, by name. */
export const BUILTIN_FIELDS: Readonly<Record<string, FieldSpec>> = {
  type: { kind: "string", read: (r) => r.type, chromaKey: "type" },
  kind: { kind: "string", read: (r) => r.kind ?? "fact", chromaKey: "kind" },
  category: { kind: "string", read: (r) => r.category, chromaKey: "category" },
  subject: { kind: "string", read: (r) => r.subject ?? undefined, chromaKey: "subject" },
  content: { kind: "string", read: (r) => r.content },
  importance: { kind: "number", read: (r) => r.importance },
  createdAt: { kind: "date", read: (r) => msOf(r.createdAt) ?? 0, chromaKey: "createdAtMs" },
  updatedAt: { kind: "date", read: (r) => msOf(r.updatedAt) },
  eventDate: { kind: "date", read: (r) => msOf(r.eventDate), chromaKey: "eventDateMs" },
  accessCount: { kind: "number", read: (r) => r.accessCount },
  agentId: { kind: "string", read: (r) => r.agentId ?? undefined, chromaKey: "agentId", sparse: true },
  runId: { kind: "string", read: (r) => r.runId ?? undefined, chromaKey: "runId", sparse: true },
  expiresAt: { kind: "date", read: (r) => msOf(r.expiresAt), chromaKey: "expiresAtMs", sparse: true },
  userId: { kind: "string", read: (r) => r.userId, chromaKey: "userId", internal: true },
  current: { kind: "boolean", read: (r) => !r.validUntil, chromaKey: "current", internal: true },
  /** When the memory stops being live: its expiry, or never (for the liveAt condition: one comparison, missing counts as live). */
  liveUntil: { kind: "date", read: (r) => msOf(r.expiresAt) ?? Infinity, internal: true },
  contentHash: { kind: "string", read: (r) => contentHash(r.content), chromaKey: "contentHash", internal: true },
};

/** Names of the built-in fields a caller may filter on. */
export const PUBLIC_FIELD_NAMES = Object.keys(BUILTIN_FIELDS).filter((f) => !BUILTIN_FIELDS[f]!.internal);

const readPath = (value: unknown, path: string[]): unknown => {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== "object" || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
};

/** A field resolver: the spec of a field name, or undefined for an unknown one. */
export type FieldResolver<T = MemoryRecord> = (field: string) => FieldSpec<T> | undefined;

/** The spec of a field name (built-in or `metadata.a.b`), or undefined for an unknown one. */
export function fieldSpec(field: string): FieldSpec | undefined {
  const builtin = Object.hasOwn(BUILTIN_FIELDS, field) ? BUILTIN_FIELDS[field] : undefined;
  if (builtin) return builtin;
  if (!field.startsWith(METADATA_PREFIX) || field.length === METADATA_PREFIX.length) return undefined;
  const path = field.slice(METADATA_PREFIX.length).split(".");
  if (path.some((p) => !p)) return undefined;
  return {
    kind: "any",
    read: (r) => readPath(r.metadata, path),
    chromaKey: path.length === 1 ? CHROMA_METADATA_PREFIX + path[0] : undefined,
  };
}
