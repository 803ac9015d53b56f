import type { Metadata } from "chromadb";
import type { EntityRecord } from "../../types.js";

/** Flattens an entity record into Chroma metadata (attributes as JSON; empty string for absent values). */
export const entityToMetadata = (e: EntityRecord): Metadata => ({
  userId: e.userId,
  name: e.name,
  kind: e.kind,
  attributes: JSON.stringify(e.attributes),
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  lastAccessedAt: e.lastAccessedAt ?? "",
  accessCount: e.accessCount,
  status: e.status ?? "current",
  validUntil: e.validUntil ?? "",
});

/** Rebuilds an entity record from its Chroma row. */
export const metadataToEntity = (id: string, md: Metadata | null | undefined): EntityRecord => {
  const m = (md ?? {}) as Record<string, unknown>;
  let attributes: Record<string, string> = {};
  try {
    attributes = JSON.parse(String(m.attributes ?? "{}")) as Record<string, string>;
  } catch {
    attributes = {};
  }
  return {
    id,
    userId: String(m.userId ?? ""),
    name: String(m.name ?? ""),
    kind: String(m.kind ?? "thing"),
    attributes,
    createdAt: String(m.createdAt ?? ""),
    updatedAt: String(m.updatedAt ?? ""),
    lastAccessedAt: m.lastAccessedAt ? String(m.lastAccessedAt) : null,
    accessCount: Number(m.accessCount ?? 0),
    status: m.status === "former" ? "former" : "current",
    validUntil: m.validUntil ? String(m.validUntil) : null,
  };
};
