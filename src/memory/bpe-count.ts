import { CL100K_PIECES, cl100kTokenBytes } from "./cl100k.js";

let ranks: Map<string, number> | undefined;
let pieces: RegExp | undefined;

/** cl100k_base ranks keyed by their bytes as a latin1 string, so a span of a piece is a substring lookup, not a join. */
function rankIndex(): Map<string, number> {
  if (ranks) return ranks;
  ranks = new Map();
  for (const [rank, bytes] of cl100kTokenBytes()) ranks.set(Buffer.from(bytes).toString("latin1"), rank);
  return ranks;
}

let starts = new Int32Array(256);
let pairs = new Float64Array(256);

/** Rank of merging parts i and i+1 of the current split (Infinity when no such token, or no such pair). */
function pairRank(bytes: string, index: Map<string, number>, parts: number, i: number): number {
  return i < 0 || i + 1 >= parts ? Infinity : (index.get(bytes.slice(starts[i], starts[i + 2])) ?? Infinity);
}

/**
 * Tokens of one pre-tokenized piece (bytes as a latin1 string) by byte-pair merging: the same merges as js-tiktoken (lowest rank
 * first, leftmost on ties), but each merge recomputes only its two neighbouring pair ranks instead of re-joining every pair.
 */
function mergeCount(bytes: string, index: Map<string, number>): number {
  const n = bytes.length;
  if (n < 2 || index.has(bytes)) return Math.min(n, 1);
  if (starts.length < n + 1) {
    starts = new Int32Array(2 * n + 2);
    pairs = new Float64Array(2 * n + 2);
  }
  for (let i = 0; i <= n; i++) starts[i] = i;
  let parts = n;
  for (let i = 0; i < n - 1; i++) pairs[i] = pairRank(bytes, index, parts, i);
  while (parts > 1) {
    let best = 0;
    for (let i = 1; i < parts - 1; i++) if (pairs[i]! < pairs[best]!) best = i;
    if (pairs[best] === Infinity) break;
    starts.copyWithin(best + 1, best + 2, parts + 1);
    pairs.copyWithin(best, best + 1, parts - 1);
    parts--;
    if (best < parts - 1) pairs[best] = pairRank(bytes, index, parts, best);
    if (best > 0) pairs[best - 1] = pairRank(bytes, index, parts, best - 1);
  }
  return parts;
}

// eslint-disable-next-line no-control-regex -- ASCII is its own latin1 byte string
const ASCII = /^[\x00-\x7f]*$/;

const utf8 = new TextEncoder();
const scratch = new Uint8Array(4 * 1024);

/** The UTF-8 bytes of a piece as a latin1 string (the piece itself when it is ASCII). */
function byteString(piece: string): string {
  if (ASCII.test(piece)) return piece;
  if (piece.length * 3 > scratch.length) return Buffer.from(piece, "utf8").toString("latin1");
  const { written } = utf8.encodeInto(piece, scratch);
  return String.fromCharCode.apply(null, scratch.subarray(0, written) as unknown as number[]);
}

/** Bytes of the longest piece merged whole; a longer one (a run of CJK or emoji) is merged in chunks of about this size. */
export const MAX_PIECE_BYTES = 48;

/** Tokens of a piece, merged in chunks of at most MAX_PIECE_BYTES that end on a character, so its cost per byte is bounded. */
function pieceCount(piece: string, index: Map<string, number>): number {
  const bytes = byteString(piece);
  if (bytes.length <= MAX_PIECE_BYTES) return mergeCount(bytes, index);
  let total = 0;
  let from = 0;
  while (from < bytes.length) {
    let to = Math.min(from + MAX_PIECE_BYTES, bytes.length);
    while (to < bytes.length && (bytes.charCodeAt(to) & 0xc0) === 0x80) to--;
    total += mergeCount(bytes.slice(from, to), index);
    from = to;
  }
  return total;
}

/**
 * cl100k_base token count of a text (special-token strings count as text): exactly what js-tiktoken's encode gives for pieces
 * of up to MAX_PIECE_BYTES, and within a token per chunk for longer ones, in time linear in the text's length.
 */
export function bpeTokenCount(text: string): number {
  if (!text) return 0;
  const index = rankIndex();
  pieces ??= new RegExp(CL100K_PIECES, "gu");
  let total = 0;
  for (const match of text.matchAll(pieces)) total += pieceCount(match[0], index);
  return total;
}
