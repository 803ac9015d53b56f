import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { glovePaths, readGloveCache } from "../../src/providers/glove-cache.js";
import { gloveTokens, LocalEmbeddings } from "../../src/providers/local-embeddings.js";

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
let dir: string;
let embedder: LocalEmbeddings;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "memoria-glove-"));
  embedder = new LocalEmbeddings({ cacheDir: dir, vocabularySize: 50_000 });
  await embedder.embedQuery("warm up");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("LocalEmbeddings (real GloVe vectors)", () => {
  it("reports a 100-dimension model and returns unit vectors of that length", async () => {
    const [v] = await embedder.embedDocuments(["The cat rested on the carpet."]);
    expect(embedder.dimension).toBe(100);
    expect(embedder.modelId).toMatch(/^local:glove-sg100d-50000-v\d+/);
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

  it("matches rare out-of-vocabulary words exactly through hashed vectors", async () => {
    const hashing = new LocalEmbeddings({ cacheDir: dir, vocabularySize: 50_000, hashUnknownWords: true });
    const [a, b, c] = await hashing.embedDocuments(["I went to Zorblaxian fest", "The Zorblaxian thing", "The other thing"]);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
  });

  it("reloads the cache from disk into identical vectors, sharing one load between concurrent callers", async () => {
    const texts = ["Caroline went to a support group yesterday.", "Melanie painted a sunrise over the lake."];
    const before = await embedder.embedDocuments(texts);
    const again = new LocalEmbeddings({ cacheDir: dir, vocabularySize: 50_000 });
    const [first, second] = [again.load(), again.load()];
    expect(first).toBe(second);
    expect(await again.embedDocuments(texts)).toEqual(before);
  });

  it("rebuilds a corrupt cache instead of trusting it", async () => {
    const paths = glovePaths(dir, 50_000);
    const bin = await readFile(paths.bin);
    bin[bin.length - 1] = bin[bin.length - 1]! ^ 0xff;
    await writeFile(paths.bin, bin);
    expect(await readGloveCache(paths)).toBeUndefined();
    const fresh = new LocalEmbeddings({ cacheDir: dir, vocabularySize: 50_000 });
    const v = await fresh.embedQuery("The kitten slept on the rug.");
    expect(v).toEqual(await embedder.embedQuery("The kitten slept on the rug."));
    expect(await readGloveCache(paths)).toBeDefined();
  });

  it("tokenizes like GloVe: lowercase, contractions split", () => {
    expect(gloveTokens("I don't LIKE Mel’s dog!")).toEqual(["i", "do", "n't", "like", "mel", "'s", "dog"]);
  });
});
