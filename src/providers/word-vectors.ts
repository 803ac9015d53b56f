import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { ConfigError, MemoriaError } from "../config/errors.js";

const MAGIC = "MEMGLOVE";
/** Bumped whenever the file layout or the preprocessing of the vectors changes. */
export const WORD_VECTORS_VERSION = 3;
/** Words in the shipped file: the most frequent of the GloVe vocabulary. */
export const WORD_VECTORS_COUNT = 100_000;
const HEADER_BYTES = 32;

/** Word vectors of the most frequent words, in frequency-rank order. */
export interface WordTable {
  words: string[];
  dimension: number;
  /** Row-major int8 vectors, one row of `dimension` per word. */
  codes: Int8Array;
  /** Per-row dequantisation scale. */
  scales: Float32Array;
}

/** The word-vector file is unreadable: truncated, corrupt or of another version. */
export class WordVectorsError extends MemoriaError {}

/** Path of the word-vector file shipped in the package (assets/, beside src/ and dist/). */
export function shippedWordVectorsPath(): string {
  return fileURLToPath(new URL(`../../assets/glove-sg100d-${WORD_VECTORS_COUNT}-v${WORD_VECTORS_VERSION}.bin`, import.meta.url));
}

/** The file of a table: a 32-byte header (magic, version, count, dimension, CRCs), the scales, the codes, then the words. */
export function encodeWordVectors(table: WordTable): Buffer {
  const count = table.words.length;
  const vocab = Buffer.from(table.words.join("\n"), "utf8");
  const body = Buffer.concat([
    Buffer.from(table.scales.buffer, table.scales.byteOffset, count * 4),
    Buffer.from(table.codes.buffer, table.codes.byteOffset, count * table.dimension),
  ]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(WORD_VECTORS_VERSION, 8);
  header.writeUInt32LE(count, 12);
  header.writeUInt32LE(table.dimension, 16);
  header.writeUInt32LE(crc32(vocab), 20);
  header.writeUInt32LE(crc32(body), 24);
  return Buffer.concat([header, body, vocab]);
}

/** Reads and verifies a word-vector file written by encodeWordVectors. */
export async function readWordVectors(path: string): Promise<WordTable> {
  const file = await readFile(path).catch((cause: unknown) => {
    throw new ConfigError(`Word vectors not found at ${path}; reinstall memoria.`, { cause });
  });
  const table = decode(file);
  if (typeof table === "string") throw new WordVectorsError(`Word vectors at ${path} are unusable: ${table}.`);
  return table;
}

function decode(file: Buffer): WordTable | string {
  if (file.length < HEADER_BYTES || file.toString("latin1", 0, 8) !== MAGIC) return "no header";
  const version = file.readUInt32LE(8);
  if (version !== WORD_VECTORS_VERSION) return `version ${version}, expected ${WORD_VECTORS_VERSION}`;
  const count = file.readUInt32LE(12);
  const dimension = file.readUInt32LE(16);
  const bodyEnd = HEADER_BYTES + count * 4 + count * dimension;
  if (file.length < bodyEnd) return "truncated";
  const body = file.subarray(HEADER_BYTES, bodyEnd);
  const vocab = file.subarray(bodyEnd);
  if (crc32(body) !== file.readUInt32LE(24) || crc32(vocab) !== file.readUInt32LE(20)) return "checksum mismatch";
  const words = vocab.toString("utf8").split("\n");
  if (words.length !== count || !dimension) return "word count mismatch";
  const aligned = new Uint8Array(body);
  return {
    words,
    dimension,
    scales: new Float32Array(aligned.buffer, aligned.byteOffset, count),
    codes: new Int8Array(aligned.buffer, aligned.byteOffset + count * 4, count * dimension),
  };
}
