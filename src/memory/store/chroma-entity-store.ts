import type { Collection, Metadata } from "chromadb";
import { silentLogger, type Logger } from "../../config/logger.js";
import type { Embedder } from "../../providers/embedder.js";
import { chunked, deleteWhere } from "./chroma/batches.js";
import { chromaCall, userWhere } from "./chroma/collections.js";
import { normalizeText, stableId } from "../content-hash.js";
import { fullerName, mentions, mergeEntity, orderRelevant, renderEntity, resolvePartialName } from "../entity-merge.js";
import type { EntityMemory } from "../interfaces.js";
import { KeyedLock } from "../keyed-lock.js";
import { sanitizeEntityUpdate } from "../sanitize-output.js";
import type { EntityRecord, EntityUpdate } from "../types.js";

const toMetadata = (e: EntityRecord): Metadata => ({
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

const fromMetadata = (id: string, md: Metadata | null | undefined): EntityRecord => {
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

/** Entity memory in one Chroma collection: one row per user and entity name, merged on update. */
export class ChromaEntityStore implements EntityMemory {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly collection: Collection,
    private readonly embedder: Embedder,
    private readonly options: { minSimilarity?: number; clock?: () => Date; logger?: Logger } = {},
  ) {}

  private now(now?: string): string {
    return now ?? (this.options.clock?.() ?? new Date()).toISOString();
  }

  async relevant(userId: string, text: string, limit: number): Promise<EntityRecord[]> {
    if (limit <= 0 || !text.trim()) return [];
    const all = await this.list(userId);
    if (all.length === 0) return [];
    const named = all.filter((e) => mentions(text, e.name));
    const [vector] = await this.embedder.embedDocuments([text]);
    const res = await chromaCall("query", () =>
      this.collection.query({
        queryEmbeddings: [vector!],
        nResults: Math.min(limit, all.length),
        where: userWhere(userId),
        include: ["distances"],
      }),
    );
    const minSimilarity = this.options.minSimilarity ?? 0.3;
    const byId = new Map(all.map((e) => [e.id, e]));
    const close = (res.ids[0] ?? [])
      .filter((_, i) => 1 - (res.distances[0]?.[i] ?? 1) >= minSimilarity)
      .flatMap((id) => byId.get(id) ?? []);
    return orderRelevant(named, close, limit);
  }

  merge(userId: string, updates: EntityUpdate[], now?: string): Promise<EntityRecord[]> {
    return this.lock.run(userId, async () => {
      const at = this.now(now);
      const merged = new Map<string, EntityRecord>();
      let known: EntityRecord[] | undefined;
      for (const raw of updates) {
        const update = sanitizeEntityUpdate(raw, this.options.logger ?? silentLogger);
        if (!update || !normalizeText(update.name)) continue;
        let id = stableId(userId, normalizeText(update.name));
        let existing = merged.get(id) ?? (await this.get(userId, id));
        if (!existing) {
          known ??= await this.list(userId);
          existing = resolvePartialName(update, [...merged.values(), ...known.filter((e) => !merged.has(e.id))]);
          if (existing) id = existing.id;
        }
        const record = mergeEntity(existing, update, { id, userId, now: at });
        merged.set(id, existing ? { ...record, name: fullerName(existing.name, update.name) } : record);
      }
      const records = [...merged.values()];
      if (records.length === 0) return [];
      const vectors = await this.embedder.embedDocuments(records.map(renderEntity));
      await chromaCall("upsert", () =>
        this.collection.upsert({
          ids: records.map((r) => r.id),
          embeddings: vectors,
          documents: records.map(renderEntity),
          metadatas: records.map(toMetadata),
        }),
      );
      return records;
    });
  }

  private async get(userId: string, id: string): Promise<EntityRecord | undefined> {
    const rows = await chromaCall("get", () => this.collection.get({ ids: [id], where: userWhere(userId), include: ["metadatas"] }));
    return rows.ids[0] ? fromMetadata(rows.ids[0], rows.metadatas[0]) : undefined;
  }

  async recordAccess(userId: string, ids: string[], now?: string): Promise<void> {
    if (ids.length === 0) return;
    await this.lock.run(userId, async () => {
      const at = this.now(now);
      const rows = await chromaCall("get", () => this.collection.get({ ids, where: userWhere(userId), include: ["metadatas"] }));
      const metadatas = rows.ids.map((id, i) => {
        const e = fromMetadata(id, rows.metadatas[i]);
        return toMetadata({ ...e, accessCount: e.accessCount + 1, lastAccessedAt: at });
      });
      if (rows.ids.length) await chromaCall("update", () => this.collection.update({ ids: rows.ids, metadatas }));
    });
  }

  async list(userId: string): Promise<EntityRecord[]> {
    const rows = await chromaCall("get", () => this.collection.get({ where: userWhere(userId), include: ["metadatas"] }));
    return rows.ids.map((id, i) => fromMetadata(id, rows.metadatas[i])).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Stores complete entity records as they are (ids and every field kept), e.g. from an export. */
  importRecords(userId: string, records: EntityRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.lock.run(userId, async () => {
      for (const chunk of chunked(records.map((r) => ({ ...r, userId, id: stableId(userId, normalizeText(r.name)) })))) {
        const vectors = await this.embedder.embedDocuments(chunk.map(renderEntity));
        await chromaCall("upsert", () =>
          this.collection.upsert({
            ids: chunk.map((r) => r.id),
            embeddings: vectors,
            documents: chunk.map(renderEntity),
            metadatas: chunk.map(toMetadata),
          }),
        );
      }
    });
  }

  /** Deletes one of the user's entities by id; returns whether it existed. */
  remove(userId: string, id: string): Promise<boolean> {
    return this.lock.run(userId, async () => {
      if (!(await this.get(userId, id))) return false;
      await chromaCall("delete", () => this.collection.delete({ ids: [id], where: userWhere(userId) }));
      return true;
    });
  }

  deleteUser(userId: string): Promise<number> {
    return this.lock.run(userId, () => deleteWhere(this.collection, userWhere(userId)));
  }
}
