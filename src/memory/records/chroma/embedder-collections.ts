import type { ChromaClient, Collection } from "chromadb";
import type { Embedder } from "../../../providers/embedder.js";
import { chromaCall, openCollection } from "./collections.js";

/** What a collection holds: memory rows or entity rows. */
export type CollectionKind = "memories" | "entities";

/** A collection of one kind under a prefix, with the embedder it records. */
export interface KindCollection {
  name: string;
  embedder?: string;
  dimension?: number;
  collection: Collection;
}

/** A lowercase, Chroma-safe slug of an embedder id, e.g. "hash-128". */
export function embedderSlug(modelId: string): string {
  return (
    modelId
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "embedder"
  );
}

/** Name of the collection an embedder fills: the first embedder of a prefix owns `<prefix>_<kind>`, later ones `<prefix>_<kind>__<slug>`. */
export function collectionName(prefix: string, kind: CollectionKind, embedder: Embedder, baseTaken: boolean): string {
  return baseTaken ? `${prefix}_${kind}__${embedderSlug(embedder.modelId)}` : `${prefix}_${kind}`;
}

/** Whether a collection was built by this embedder (collections that record none are treated as compatible). */
export function builtBy(c: KindCollection, embedder: Embedder): boolean {
  return c.embedder === undefined || (c.embedder === embedder.modelId && Number(c.dimension) === embedder.dimension);
}

/** Every collection of a kind under a prefix, whatever embedder built it. */
export async function kindCollections(client: ChromaClient, prefix: string, kind: CollectionKind): Promise<KindCollection[]> {
  const base = `${prefix}_${kind}`;
  const out: KindCollection[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await chromaCall("listCollections", () => client.listCollections({ limit: 100, offset }));
    for (const c of page) {
      if (c.name !== base && !c.name.startsWith(`${base}__`)) continue;
      const md = (c.metadata ?? {}) as Record<string, unknown>;
      out.push({
        name: c.name,
        embedder: md.embedder === undefined ? undefined : String(md.embedder),
        dimension: md.dimension === undefined ? undefined : Number(md.dimension),
        collection: c,
      });
    }
    if (page.length < 100) return out;
  }
}

/** Opens (creating if needed) the embedder's own collection of a kind, and lists the collections other embedders built. */
export async function openKind(
  client: ChromaClient,
  prefix: string,
  kind: CollectionKind,
  embedder: Embedder,
): Promise<{ own: Collection; others: KindCollection[] }> {
  const all = await kindCollections(client, prefix, kind);
  const mine = all.find((c) => builtBy(c, embedder));
  const name =
    mine?.name ??
    collectionName(
      prefix,
      kind,
      embedder,
      all.some((c) => c.name === `${prefix}_${kind}`),
    );
  const own = await openCollection(client, name, embedder);
  return { own, others: all.filter((c) => c.name !== name) };
}
