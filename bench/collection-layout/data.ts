/** A seeded generator of floats in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random unit vector (Gaussian components, normalised). */
export function unitVector(random: () => number, dimension: number): number[] {
  const v = Array.from({ length: dimension }, () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random()));
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** One user's rows, in the shape `collection.add` takes. */
export interface UserRows {
  userId: string;
  ids: string[];
  embeddings: number[][];
  documents: string[];
  metadatas: Array<{ userId: string; kind: string; createdAt: number }>;
}

/** The rows of user `u`: `perUser` memories with random unit vectors, a short text and the metadata memoria keeps. */
export function userRows(u: number, perUser: number, dimension: number): UserRows {
  const random = seeded(u + 1);
  const userId = `user-${u}`;
  const ids = Array.from({ length: perUser }, (_, i) => `${userId}-m${i}`);
  return {
    userId,
    ids,
    embeddings: ids.map(() => unitVector(random, dimension)),
    documents: ids.map((id, i) => `${userId} noted item ${i}: a short memory of about sixty characters (${id}).`),
    metadatas: ids.map((_, i) => ({ userId, kind: "fact", createdAt: 1_700_000_000_000 + i })),
  };
}

/** `count` distinct user numbers below `users`, drawn with a seeded generator. */
export function pickUsers(users: number, count: number, seed: number): number[] {
  const random = seeded(seed);
  const picked = new Set<number>();
  while (picked.size < Math.min(count, users)) picked.add(Math.floor(random() * users));
  return [...picked];
}
