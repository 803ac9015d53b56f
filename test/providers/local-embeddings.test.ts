import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { gloveTokens, LocalEmbeddings } from "../../src/providers/local-embeddings.js";
import { encodeWordVectors, readWordVectors, shippedWordVectorsPath, WordVectorsError } from "../../src/providers/word-vectors.js";

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
let dir: string;
let embedder: LocalEmbeddings;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "memoria-glove-"));
  embedder = new LocalEmbeddings();
  await embedder.embedQuery("warm up");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("LocalEmbeddings (real GloVe vectors, shipped int8 file)", () => {
  it("reports a 100-dimension model of the 100k shipped words and returns unit vectors of that length", async () => {
    const [v] = await embedder.embedDocuments(["The cat rested on the carpet."]);
    expect(embedder.dimension).toBe(100);
    expect(embedder.modelId).toBe("local:glove-sg100d-100000-v3-sif0.001");
    expect(v).toHaveLength(100);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
  });

  it("puts similar sentences closer than unrelated ones", async () => {
    const [cat, kitten, desk, stocks] = await embedder.embedDocuments([
      "The cat rested on the carpet.",
      "The kitten slept on the rug.",
      "The desk was in the study room.",
      "Shares fell sharply after the central bank raised interest rates.",
    ]);
    expect(cosine(cat!, kitten!)).toBeGreaterThan(cosine(cat!, stocks!));
    expect(cosine(cat!, kitten!)).toBeGreaterThan(cosine(cat!, desk!));
    const q = await embedder.embedQuery("pets and animals at home");
    const [dog, job] = await embedder.embedDocuments([
      "I adopted a puppy and two cats last year.",
      "The quarterly earnings report beat analyst forecasts.",
    ]);
    expect(cosine(q, dog!)).toBeGreaterThan(cosine(q, job!));
  });

  it("matches rare out-of-vocabulary words exactly through hashed vectors, and ignores them by default", async () => {
    const hashing = new LocalEmbeddings({ hashUnknownWords: true });
    const texts = ["I went to Zorblaxian fest", "The Zorblaxian thing", "The other thing"];
    const [a, b, c] = await hashing.embedDocuments(texts);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
    expect(hashing.modelId).toBe("local:glove-sg100d-100000-v3-sif0.001-oov");
    const [plain] = await embedder.embedDocuments(["The Zorblaxian thing"]);
    expect(plain).toEqual(await embedder.embedQuery("The thing"));
  });

  it("shares one load between concurrent callers and gives identical vectors from a second instance", async () => {
    const texts = ["Caroline went to a support group yesterday.", "Melanie painted a sunrise over the lake."];
    const before = await embedder.embedDocuments(texts);
    const again = new LocalEmbeddings();
    const [first, second] = [again.load(), again.load()];
    expect(first).toBe(second);
    expect(await again.embedDocuments(texts)).toEqual(before);
  });

  it("refuses a corrupt or missing word-vector file with a named error, and retries the load afterwards", async () => {
    const raw = await readFile(shippedWordVectorsPath());
    raw[raw.length - 1]! ^= 0xff;
    const corrupt = join(dir, "corrupt.bin");
    await writeFile(corrupt, raw);
    await expect(readWordVectors(corrupt)).rejects.toThrow(WordVectorsError);
    const broken = new LocalEmbeddings({ path: corrupt });
    await expect(broken.embedQuery("kitten")).rejects.toThrow(/checksum mismatch/);
    await writeFile(corrupt, raw.subarray(0, raw.length / 2));
    await expect(broken.embedQuery("kitten")).rejects.toThrow(/truncated/);
    await writeFile(corrupt, "not word vectors");
    await expect(broken.embedQuery("kitten")).rejects.toThrow(/no header/);
    await expect(new LocalEmbeddings({ path: join(dir, "absent.bin") }).load()).rejects.toThrow(ConfigError);
  });

  it("round-trips a table through the file format", async () => {
    const table = {
      words: ["the", "cat", "naïve"],
      dimension: 3,
      codes: Int8Array.from([1, -2, 3, 127, 0, -127, 5, 5, 5]),
      scales: Float32Array.from([0.5, 0.25, 1]),
    };
    const path = join(dir, "small.bin");
    await writeFile(path, encodeWordVectors(table));
    const read = await readWordVectors(path);
    expect(read.words).toEqual(table.words);
    expect(read.dimension).toBe(3);
    expect(Array.from(read.codes)).toEqual(Array.from(table.codes));
    expect(Array.from(read.scales)).toEqual(Array.from(table.scales));
  });

  it("tokenizes like GloVe: lowercase, contractions split", () => {
    expect(gloveTokens("I don't LIKE Mel’s dog!")).toEqual(["i", "do", "n't", "like", "mel", "'s", "dog"]);
  });
});
