#!/usr/bin/env node
import { loadDotEnv } from "../config/dotenv.js";
import { loadConfig } from "../config/env.js";
import { createEmbedderFromConfig } from "../providers/create-embedder.js";
import { describeReindex, reindexStores } from "../memory/store/reindex.js";

const USAGE = "usage: tsx src/cli/reindex.ts [--to <embedder spec, default MEMORIA_EMBEDDINGS>] (--user <id> | --all)";

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const userId = flag(args, "--user");
  const all = args.includes("--all");
  if (args.includes("--help") || all === (userId !== undefined)) {
    console.error(USAGE);
    return args.includes("--help") ? 0 : 2;
  }
  const config = loadConfig();
  const spec = flag(args, "--to") ?? config.embeddings;
  const embedder = await createEmbedderFromConfig(config, spec);
  console.log(
    `reindexing ${userId === undefined ? "every user" : `user "${userId}"`} of prefix "${config.collectionPrefix}" with ${embedder.modelId}`,
  );
  const report = await reindexStores({
    chromaUrl: config.chromaUrl,
    dataDir: config.dataDir,
    collectionPrefix: config.collectionPrefix,
    embedder,
    userId,
  });
  for (const line of describeReindex(report)) console.log(line);
  if (spec !== config.embeddings) console.log(`now run memoria with MEMORIA_EMBEDDINGS=${spec}`);
  return 0;
}

try {
  loadDotEnv();
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
