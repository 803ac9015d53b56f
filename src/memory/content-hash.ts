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

/** Jaccard overlap (0-1) of the normalised word sets of two texts; 0 when they mention different numbers. */
export function wordOverlap(a: string, b: string): number {
  const wa = new Set(normalizeText(a).split(" ").filter(Boolean));
  const wb = new Set(normalizeText(b).split(" ").filter(Boolean));
  if (wa.size === 0 && wb.size === 0) return 1;
  const numbers = (words: Set<string>) =>
    [...words]
      .filter((w) => /\p{N}/u.test(w))
      .sort()
      .join(" ");
  if (numbers(wa) !== numbers(wb)) return 0;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared / (wa.size + wb.size - shared);
}
