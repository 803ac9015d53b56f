import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolveGloveSource } from "../scripts/glove-source.js";
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

async function child(mode: string): Promise<void> {
  const started = performance.now();
  let embedsPerSecond: number | undefined;
  if (mode === "json") {
    const data = JSON.parse(readFileSync(resolveGloveSource(), "utf8")) as { words: string[] };
    if (!data.words.length) throw new Error("empty");
  } else if (mode === "file") {
    await new LocalEmbeddings().load();
  }
  const ms = performance.now() - started;
  if (mode === "embed") {
    const embedder = new LocalEmbeddings();
    await embedder.load();
    const texts = Array.from({ length: 20_000 }, (_, i) => SENTENCES[i % SENTENCES.length]!);
    const t0 = performance.now();
    await embedder.embedDocuments(texts);
    embedsPerSecond = texts.length / ((performance.now() - t0) / 1000);
  }
  const m: Measurement = { mode, ms, peakRssMb: process.resourceUsage().maxRSS / 1024, ...(embedsPerSecond ? { embedsPerSecond } : {}) };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measure(mode: string): Measurement {
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ["--import", "tsx", self, "--child", mode], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Measurement;
}

/** Measures the source JSON load vs the shipped int8 file load, each in a fresh child process (peak RSS includes the tsx loader, see baseline), and embed throughput. */
export async function benchEmbedderCache(): Promise<Record<string, unknown>> {
  const baseline = measure("noop");
  const json = measure("json");
  const file = measure("file");
  const embed = measure("embed");
  return {
    baseline,
    jsonLoad: json,
    fileLoad: file,
    loadSpeedup: Number((json.ms / file.ms).toFixed(1)),
    peakRssRatio: Number((json.peakRssMb / file.peakRssMb).toFixed(1)),
    embedsPerSecond: Math.round(embed.embedsPerSecond ?? 0),
  };
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1]!);
else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(JSON.stringify(await benchEmbedderCache(), null, 2));
