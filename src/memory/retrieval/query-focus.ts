import { STOPWORDS } from "../index/lexical/tokenize.js";

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const NAME_WORD = /^\p{L}{3,}$/u;
/** Function words kept in the vector query: "when" points at dated memories (dropping it cost LoCoMo temporal questions). */
const KEPT = new Set(["when"]);

/** The query as each channel should see it: without the user's own name, and for the vector channel also without function words and pronouns. */
export interface FocusedQuery {
  lexical: string;
  vector: string;
}

const plain = (word: string): string => word.toLowerCase().replace(/['’]/g, "");

/** Words of a user id that can name the user in a query ("alice" for "alice", none for "u-42"). */
export function userNameWords(userId: string): Set<string> {
  return new Set((userId.toLowerCase().match(WORD) ?? []).map(plain).filter((w) => NAME_WORD.test(w)));
}

/**
 * Drops what cannot tell one of the user's memories from another: the user's own name (it is in most of them) from both
 * channels, and stopwords such as "what", "does", "she" from the averaged word vectors, where they outweigh the content words.
 * A channel whose query would be left empty keeps the original.
 */
export function focusQuery(query: string, userId: string): FocusedQuery {
  const name = userNameWords(userId);
  const words = query.match(WORD) ?? [];
  const unnamed = words.filter((w) => !name.has(plain(w).replace(/s$/, "")) && !name.has(plain(w)));
  const isContent = (w: string) => !STOPWORDS.has(plain(w)) && !STOPWORDS.has(w.toLowerCase());
  const content = unnamed.filter((w) => KEPT.has(plain(w)) || isContent(w));
  return {
    lexical: unnamed.length < words.length && unnamed.some(isContent) ? unnamed.join(" ") : query,
    vector: content.some(isContent) ? content.join(" ") : query,
  };
}
