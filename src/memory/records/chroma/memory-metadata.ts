import type { Metadata } from "chromadb";
import type { MemoryKind, MemoryRecord, MemoryType } from "../../types.js";
import { contentHash } from "../../content-hash.js";
import { CHROMA_METADATA_PREFIX } from "../../filters/filter-fields.js";

const orNull = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const ms = (iso: string | null | undefined): number => (iso ? Date.parse(iso) || 0 : 0);

/**
 * The metadata key holding, as one JSON string, the text and every field no `where` filter reads. Chroma 1.0.5 writes one
 * indexed SQLite row per metadata key and indexes documents in full-text search, so a row with its text and 11 fields packed
 * here (and an empty document) costs about a third less Chroma CPU to write than one with 21 keys and the text as document.
 */
export const PACKED_KEY = "record";

/** The fields kept in the packed key. */
interface Packed {
  content: string;
  importance: number;
  createdAt: string;
  updatedAt: string;
  lastAccessedAt: string | null;
  accessCount: number;
  threadId: string | null;
  messageIds: string[];
  eventDate: string | null;
  validFrom: string | null;
  validUntil: string | null;
  decayedAt: string | null;
  metadata?: MemoryRecord["metadata"];
  expiresAt?: string;
}

/** Chroma keys of a memory's scope (only when set, so unscoped rows cost nothing). */
const scopeKeys = (m: MemoryRecord): Metadata => ({
  ...(m.agentId ? { agentId: m.agentId } : {}),
  ...(m.runId ? { runId: m.runId } : {}),
});

/** Chroma keys of the caller's metadata: each top-level text or boolean value, so equality filters on it reach Chroma's where. */
function metadataKeys(m: MemoryRecord): Metadata {
  const out: Metadata = {};
  for (const [key, value] of Object.entries(m.metadata ?? {}))
    if ((typeof value === "string" && value) || typeof value === "boolean") out[CHROMA_METADATA_PREFIX + key] = value;
  return out;
}

/** Flattens a memory record into Chroma metadata: the keys `memoryWhere` filters on, plus the packed rest (text included). */
export function memoryToMetadata(m: MemoryRecord): Metadata {
  const packed: Packed = {
    content: m.content,
    importance: m.importance,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    lastAccessedAt: m.lastAccessedAt ?? null,
    accessCount: m.accessCount,
    threadId: m.source.threadId ?? null,
    messageIds: m.source.messageIds ?? [],
    eventDate: m.eventDate ?? null,
    validFrom: m.validFrom ?? null,
    validUntil: m.validUntil ?? null,
    decayedAt: m.decayedAt ?? null,
    ...(m.metadata && Object.keys(m.metadata).length ? { metadata: m.metadata } : {}),
    ...(m.expiresAt ? { expiresAt: m.expiresAt } : {}),
  };
  return {
    ...metadataKeys(m),
    ...(m.expiresAt ? { expiresAtMs: ms(m.expiresAt) } : {}),
    ...scopeKeys(m),
    userId: m.userId,
    type: m.type,
    kind: m.kind ?? "fact",
    category: m.category,
    subject: m.subject ?? "",
    createdAtMs: ms(m.createdAt),
    eventDateMs: ms(m.eventDate),
    current: !m.validUntil,
    contentHash: contentHash(m.content),
    [PACKED_KEY]: JSON.stringify(packed),
  };
}

/** The packed fields of a row, or undefined for a row written before they were packed (one key per field, text as document). */
function unpack(md: Record<string, unknown>): Partial<Packed> | undefined {
  const raw = md[PACKED_KEY];
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw) as Partial<Packed>;
  } catch {
    return undefined;
  }
}

/** A row's text: the packed content, else the document (rows written before the packed layout). */
export function rowText(document: string | null | undefined, md: Metadata | null | undefined): string {
  const content = unpack((md ?? {}) as Record<string, unknown>)?.content;
  return typeof content === "string" ? content : (document ?? "");
}

const legacyMessageIds = (v: unknown): string[] => {
  try {
    return JSON.parse(String(v ?? "[]")) as string[];
  } catch {
    return [];
  }
};

/** Rebuilds a memory record from a Chroma row (packed or one key per field). */
export function metadataToMemory(id: string, document: string | null | undefined, md: Metadata | null | undefined): MemoryRecord {
  const m = (md ?? {}) as Record<string, unknown>;
  const p = unpack(m);
  const field = (key: keyof Packed): unknown => (p ? p[key] : m[key]);
  const threadId = orNull(field("threadId"));
  return {
    id,
    userId: String(m.userId ?? ""),
    content: rowText(document, md),
    type: (m.type as MemoryType) ?? "fact",
    category: String(m.category ?? "other"),
    importance: Number(field("importance") ?? 0.5),
    createdAt: String(field("createdAt") ?? ""),
    updatedAt: String(field("updatedAt") ?? field("createdAt") ?? ""),
    lastAccessedAt: orNull(field("lastAccessedAt")),
    accessCount: Number(field("accessCount") ?? 0),
    source: {
      threadId: threadId ?? undefined,
      messageIds: p ? (Array.isArray(p.messageIds) ? p.messageIds : []) : legacyMessageIds(m.messageIds),
    },
    kind: (m.kind === "episode" ? "episode" : "fact") as MemoryKind,
    eventDate: orNull(field("eventDate")),
    subject: orNull(m.subject),
    validFrom: orNull(field("validFrom")),
    validUntil: orNull(field("validUntil")),
    decayedAt: orNull(field("decayedAt")),
    ...(p?.metadata && typeof p.metadata === "object" ? { metadata: p.metadata } : {}),
    ...(typeof p?.expiresAt === "string" ? { expiresAt: p.expiresAt } : {}),
    ...(typeof m.agentId === "string" ? { agentId: m.agentId } : {}),
    ...(typeof m.runId === "string" ? { runId: m.runId } : {}),
  };
}
