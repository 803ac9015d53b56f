import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildGloveCache, resolveGloveSource } from "../src/providers/glove-cache.js";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";

/** One child-process measurement. */
interface Measurement {
  mode: string;
  ms: number;
  peakRssMb: number;
  embedsPerSecond?: number;
}

const SENTENCES = [
  "I went to a LGBTQ support group yesterday and it was so powerful.",
  "Melanie painted a lake sunrise last year which holds special meaning to her.",
  "We took the kids camping in the mountains and roasted marshmallows.",
  "My new job at the bank starts in May, so I'm a bit nervous.",
];

async function child(mode: string, cacheDir: string): Promise<void> {
  const started = performance.now();
  let embedsPerSecond: number | undefined;
  if (mode === "json") {
    const data = JSON.parse(readFileSync(resolveGloveSource(), "utf8")) as { words: string[] };
    if (!data.words.length) throw new Error("empty");
  } else if (mode === "build") {
    await buildGloveCache({ cacheDir });
  } else if (mode === "cache") {
    await new LocalEmbeddings({ cacheDir }).load();
  }
  const ms = performance.now() - started;
  if (mode === "embed") {
    const embedder = new LocalEmbeddings({ cacheDir });
    await embedder.load();
    const texts = Array.from({ length: 20_000 }, (_, i) => SENTENCES[i % SENTENCES.length]!);
    const t0 = performance.now();
    await embedder.embedDocuments(texts);
    embedsPerSecond = texts.length / ((performance.now() - t0) / 1000);
  }
  const m: Measurement = { mode, ms, peakRssMb: process.resourceUsage().maxRSS / 1024, ...(embedsPerSecond ? { embedsPerSecond } : {}) };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measure(mode: string, cacheDir: string): Measurement {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ["--import", "tsx", self, "--child", mode, cacheDir], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Measurement;
}

/** Measures JSON load vs cache build vs binary-cache load, each in a fresh child process (peak RSS includes the tsx loader, see baseline), and embed throughput. */
export async function benchEmbedderCache(): Promise<Record<string, unknown>> {
  const cacheDir = await mkdtemp(join(tmpdir(), "memoria-bench-"));
  try {
    const baseline = measure("noop", cacheDir);
    const json = measure("json", cacheDir);
    const build = measure("build", cacheDir);
    const cache = measure("cache", cacheDir);
    const embed = measure("embed", cacheDir);
    return {
      baseline,
      jsonLoad: json,
      cacheBuild: build,
      cacheLoad: cache,
      loadSpeedup: Number((json.ms / cache.ms).toFixed(1)),
      peakRssRatio: Number((json.peakRssMb / cache.peakRssMb).toFixed(1)),
      embedsPerSecond: Math.round(embed.embedsPerSecond ?? 0),
    };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1]!, args[2]!);
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(JSON.stringify(await benchEmbedderCache(), null, 2));
