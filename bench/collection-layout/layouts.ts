import type { ChromaClient, Collection } from "chromadb";
import type { UserRows } from "./data.js";

/** One way of laying out users' memories in Chroma, with the operations the bench times. */
export interface Layout {
  readonly name: string;
  /** Creates the collections for `users` users. */
  create(users: number): Promise<void>;
  /** Writes one user's rows (one `add`). */
  add(rows: UserRows): Promise<void>;
  /** The user's `n` nearest neighbours of `vector`. */
  query(userId: string, vector: number[], n: number): Promise<number>;
  /** All the user's rows with embeddings; returns the count. */
  getAll(userId: string): Promise<number>;
  /** Removes every row of the user. */
  deleteUser(userId: string): Promise<void>;
}

const open = (client: ChromaClient, name: string) =>
  client.getOrCreateCollection({ name, embeddingFunction: null, configuration: { hnsw: { space: "cosine" } } });
const include = ["documents", "metadatas", "embeddings"] as const;

/** Layout S: one collection for all users, rows isolated by `where: { userId }` (what memoria does). */
export function sharedLayout(client: ChromaClient): Layout {
  let collection: Collection | undefined;
  const handle = async () => (collection ??= await open(client, "shared_memories"));
  const where = (userId: string) => ({ userId: { $eq: userId } });
  return {
    name: "S: shared collection",
    create: async () => void (await handle()),
    add: async (r) => (await handle()).add({ ids: r.ids, embeddings: r.embeddings, documents: r.documents, metadatas: r.metadatas }),
    query: async (userId, vector, n) =>
      (await (await handle()).query({ queryEmbeddings: [vector], nResults: n, where: where(userId) })).ids[0]?.length ?? 0,
    getAll: async (userId) => (await (await handle()).get({ where: where(userId), include: [...include] })).ids.length,
    deleteUser: async (userId) => void (await (await handle()).delete({ where: where(userId) })),
  };
}

/** Layout P: one collection per user, named after the user. */
export function perUserLayout(client: ChromaClient): Layout {
  const handles = new Map<string, Collection>();
  const name = (userId: string) => `u_${userId}`;
  const handle = async (userId: string) => {
    let collection = handles.get(userId);
    if (!collection) handles.set(userId, (collection = await open(client, name(userId))));
    return collection;
  };
  return {
    name: "P: collection per user",
    create: async (users) => {
      for (let u = 0; u < users; u++) await handle(`user-${u}`);
    },
    add: async (r) =>
      (await handle(r.userId)).add({ ids: r.ids, embeddings: r.embeddings, documents: r.documents, metadatas: r.metadatas }),
    query: async (userId, vector, n) =>
      (await (await handle(userId)).query({ queryEmbeddings: [vector], nResults: n })).ids[0]?.length ?? 0,
    getAll: async (userId) => (await (await handle(userId)).get({ include: [...include] })).ids.length,
    deleteUser: async (userId) => {
      await client.deleteCollection({ name: name(userId) });
      handles.delete(userId);
    },
  };
}
