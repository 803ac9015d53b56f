import { createHash } from "node:crypto";

/** Lowercases, strips punctuation and folds whitespace so trivially different texts compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A short stable hash of the normalised text, for exact-duplicate checks. */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeText(text)).digest("hex").slice(0, 32);
}

/** A stable id derived from parts, safe for any user id (quotes, slashes, unicode). */
export function stableId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}
