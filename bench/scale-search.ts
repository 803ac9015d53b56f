import { parseArgs } from "node:util";
import { LocalEmbeddings } from "../src/providers/local-embeddings.js";
import { LOCOMO_PATH, loadRealConversation } from "./scale/locomo-mix.js";
import { amongOthersCase, manyUsersCase } from "./scale/many-users-case.js";
import { fmtS } from "./scale/measure.js";
import { oneUserCase, type CaseContext } from "./scale/one-user-case.js";

const USAGE = `Usage: npx tsx bench/scale-search.ts [--sizes 1000,10000,100000] [--users 10000] [--per-user 20] [--others 100000]
  [--only one-user|among-others|many-users] [--searches 200] [--adds 20] [--chroma-timeout-ms 600000]`;

const CASES = ["one-user", "among-others", "many-users"] as const;

function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000,100000" },
      users: { type: "string", default: "10000" },
      "per-user": { type: "string", default: "20" },
      others: { type: "string", default: "100000" },
      only: { type: "string" },
      searches: { type: "string", default: "200" },
      adds: { type: "string", default: "20" },
      "chroma-timeout-ms": { type: "string", default: "600000" },
      help: { type: "boolean", default: false },
    },
  });
  const count = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer, got "${text}".\n${USAGE}`);
    return n;
  };
  const only = values.only?.split(",") ?? [...CASES];
  const unknown = only.filter((c) => !(CASES as readonly string[]).includes(c));
  if (unknown.length) throw new Error(`Unknown case ${unknown.join(", ")}.\n${USAGE}`);
  return {
    help: values.help,
    sizes: values.sizes.split(",").map((s) => count("sizes", s)),
    users: count("users", values.users),
    perUser: count("per-user", values["per-user"]),
    others: count("others", values.others),
    only: new Set(only),
    searches: count("searches", values.searches),
    adds: count("adds", values.adds),
    chromaTimeoutMs: count("chroma-timeout-ms", values["chroma-timeout-ms"]),
  };
}

async function main(): Promise<void> {
  const o = options();
  if (o.help) return console.log(USAGE);
  const started = performance.now();
  const real = await loadRealConversation();
  console.log(
    real
      ? `Real data: LoCoMo conversation ${real.sampleId} (${real.items.length} turns) from ${LOCOMO_PATH}, mixed in as every 10th memory of the measured user while its turns last; one in five queries is one of its questions.`
      : `LoCoMo data NOT FOUND at ${LOCOMO_PATH}: synthetic memories only.`,
  );
  console.log(
    `Memories: seeded synthetic sentences (16 shapes, 281 first names × 157 surnames, 121 places, 82 activities, 59 foods, Zipf-like picks); ` +
      `queries name a stored memory's person and activity, place or food. Public path: openStores (embedded Chroma in a temp dir) + MemoryApi, LocalEmbeddings. ` +
      `Cold = load the user's index (as a search would), close the stores (Chroma stops; indexes of 2,000+ memories are snapshotted), reopen the same data dir, time the first search; ` +
      `"without a snapshot" = the same after a restart with MEMORIA_SEARCH_SNAPSHOTS=false (index read back from Chroma). Warm: ${o.searches} searches (20 when the first five average over 500 ms). ` +
      `Warm CPU: the node process's CPU time per search (every thread; moves far less than wall time when the machine is loaded). add p50: ${o.adds} single api.add (infer: false) after the searches. RSS from /proc/<pid>/status VmRSS. ` +
      `Chroma request timeout ${o.chromaTimeoutMs} ms (the product default, 15 s, is too short for the 100k cold search today).`,
  );
  const embedder = new LocalEmbeddings();
  await embedder.embedQuery("warm up");
  const ctx: CaseContext = {
    embedder,
    real,
    budget: { planned: o.searches, capped: 20, slowMs: 500 },
    adds: o.adds,
    chromaTimeoutMs: o.chromaTimeoutMs,
  };
  const cases: Array<[string, () => Promise<void>]> = [
    ["one-user", () => oneUserCase(ctx, o.sizes)],
    ["among-others", () => amongOthersCase(ctx, o.others)],
    ["many-users", () => manyUsersCase(ctx, o.users, o.perUser)],
  ];
  let failed = 0;
  for (const [name, run] of cases.filter(([name]) => o.only.has(name))) {
    try {
      await run();
    } catch (error) {
      failed++;
      console.log(`\n### ${name} FAILED: ${(error as Error).name}: ${(error as Error).message}`);
    }
  }
  console.log(`\nTotal wall time ${fmtS(performance.now() - started)}.`);
  if (failed) process.exitCode = 1;
}

await main();
