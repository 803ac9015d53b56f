import type { Metadata } from "chromadb";
import type { MemoryKind, MemoryRecord, MemoryType } from "../../types.js";
import { contentHash } from "../../content-hash.js";

const orNull = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);
const ms = (iso: string | null | undefined): number => (iso ? Date.parse(iso) || 0 : 0);

/** Flattens a memory record into Chroma metadata (scalars only; empty string for absent values). */
export function memoryToMetadata(m: MemoryRecord): Metadata {
  return {
    userId: m.userId,
    type: m.type,
    kind: m.kind ?? "fact",
    category: m.category,
    importance: m.importance,
    createdAt: m.createdAt,
    createdAtMs: ms(m.createdAt),
    updatedAt: m.updatedAt,
    lastAccessedAt: m.lastAccessedAt ?? "",
    accessCount: m.accessCount,
    threadId: m.source.threadId ?? "",
    messageIds: JSON.stringify(m.source.messageIds ?? []),
    eventDate: m.eventDate ?? "",
    eventDateMs: ms(m.eventDate),
    subject: m.subject ?? "",
    validFrom: m.validFrom ?? "",
    validUntil: m.validUntil ?? "",
    current: !m.validUntil,
    decayedAt: m.decayedAt ?? "",
    contentHash: contentHash(m.content),
  };
}

/** Rebuilds a memory record from a Chroma row. */
export function metadataToMemory(id: string, document: string | null | undefined, md: Metadata | null | undefined): MemoryRecord {
  const m = (md ?? {}) as Record<string, unknown>;
  let messageIds: string[] = [];
  try {
    messageIds = JSON.parse(String(m.messageIds ?? "[]")) as string[];
  } catch {
    messageIds = [];
  }
  return {
    id,
    userId: String(m.userId ?? ""),
    content: document ?? "",
    type: (m.type as MemoryType) ?? "fact",
    category: String(m.category ?? "other"),
    importance: Number(m.importance ?? 0.5),
    createdAt: String(m.createdAt ?? ""),
    updatedAt: String(m.updatedAt ?? m.createdAt ?? ""),
    lastAccessedAt: orNull(m.lastAccessedAt),
    accessCount: Number(m.accessCount ?? 0),
    source: { threadId: orNull(m.threadId) ?? undefined, messageIds },
    ...(m.kind === "episode" ? { kind: "episode" as MemoryKind } : {}),
    eventDate: orNull(m.eventDate),
    subject: orNull(m.subject),
    validFrom: orNull(m.validFrom),
    validUntil: orNull(m.validUntil),
    decayedAt: orNull(m.decayedAt),
  };
}
