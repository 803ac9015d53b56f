import type { ChromaClient, Collection, Metadata } from "chromadb";
import type { Embedder } from "../../providers/embedder.js";
import { chromaCall, userWhere } from "./chroma/collections.js";
import { openKind, type CollectionKind, type KindCollection } from "./chroma/embedder-collections.js";
import { rowText } from "./chroma/memory-metadata.js";

/** What one reindex moved, per collection kind. */
export interface ReindexReport {
  /** Model id of the embedder the rows were re-embedded with. */
  to: string;
  /** Collection the rows now live in, per kind. */
  target: Record<CollectionKind, string>;
  moved: Array<{ kind: CollectionKind; from: string; fromEmbedder: string; rows: number; users: number }>;
  /** Source collections deleted because they became empty. */
  removedCollections: string[];
}

const BATCH = 256;

async function moveRows(
  source: KindCollection,
  target: Collection,
  embedder: Embedder,
  userId?: string,
): Promise<{ rows: number; users: Set<string> }> {
  const where = userId === undefined ? undefined : userWhere(userId);
  const users = new Set<string>();
  let rows = 0;
  for (;;) {
    const page = await chromaCall("get", () => source.collection.get({ where, limit: BATCH, include: ["documents", "metadatas"] }));
    if (page.ids.length === 0) return { rows, users };
    const documents = page.documents.map((d) => d ?? "");
    const metadatas = page.metadatas.map((m) => (m ?? {}) as Metadata);
    const embeddings = await embedder.embedDocuments(documents.map((d, i) => rowText(d, metadatas[i])));
    await chromaCall("upsert", () => target.upsert({ ids: page.ids, embeddings, documents, metadatas }));
    await chromaCall("delete", () => source.collection.delete({ ids: page.ids }));
    for (const m of metadatas) users.add(String(m.userId ?? ""));
    rows += page.ids.length;
  }
}

/**
 * Moves rows built by other embedders into the collections of `embedder` with fresh vectors (ids, documents and metadata
 * untouched), for one user or for everyone, and deletes source collections left empty.
 */
export async function reindex(
  client: ChromaClient,
  prefix: string,
  embedder: Embedder,
  scope: { userId?: string } = {},
): Promise<ReindexReport> {
  const report: ReindexReport = { to: embedder.modelId, target: { memories: "", entities: "" }, moved: [], removedCollections: [] };
  for (const kind of ["memories", "entities"] as const) {
    const { own, others } = await openKind(client, prefix, kind, embedder);
    report.target[kind] = own.name;
    for (const source of others) {
      const { rows, users } = await moveRows(source, own, embedder, scope.userId);
      if (rows) report.moved.push({ kind, from: source.name, fromEmbedder: source.embedder ?? "unknown", rows, users: users.size });
      if ((await chromaCall("count", () => source.collection.count())) === 0) {
        await chromaCall("deleteCollection", () => client.deleteCollection({ name: source.name }));
        report.removedCollections.push(source.name);
      }
    }
  }
  return report;
}

/** Re-embeds one user's memories and entities with `embedder`; other users stay where they are (and are refused until moved). */
export function reindexUser(client: ChromaClient, prefix: string, userId: string, embedder: Embedder): Promise<ReindexReport> {
  return reindex(client, prefix, embedder, { userId });
}

/** Re-embeds every user's memories and entities with `embedder`. */
export function reindexAll(client: ChromaClient, prefix: string, embedder: Embedder): Promise<ReindexReport> {
  return reindex(client, prefix, embedder);
}

/** Human-readable lines describing a reindex report. */
export function describeReindex(report: ReindexReport): string[] {
  const lines = report.moved.map(
    (m) => `moved ${m.rows} ${m.kind} rows of ${m.users} user(s) from "${m.from}" (${m.fromEmbedder}) to "${report.target[m.kind]}"`,
  );
  if (lines.length === 0) lines.push(`nothing to reindex: every row is already built with ${report.to}`);
  for (const name of report.removedCollections) lines.push(`deleted empty collection "${name}"`);
  return lines;
}
