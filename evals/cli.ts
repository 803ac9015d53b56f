import { parseArgs } from "node:util";
import { relative } from "node:path";
import { DEFAULT_DATASET_DIR, loadScenarios, pickScenarios } from "./dataset/load-dataset.js";
import { loadLocomoAsScenarios } from "./dataset/load-locomo-as-scenarios.js";
import { publishReport } from "./report/publish.js";
import { consoleSummary, writeReport } from "./report/write-report.js";
import { DEFAULT_OUT, EVAL_HELP, parseEvalArgs, type EvalCliArgs } from "./runner/cli-args.js";
import { evaluateWithLangsmith, langsmithEnabled } from "./runner/langsmith-log.js";
import { progressBar } from "./runner/progress-bar.js";
import { runEval } from "./runner/run-eval.js";
import { ConfigError, MemoriaError } from "../src/config/errors.js";

async function locomo(rest: string[]): Promise<void> {
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      data: { type: "string" },
      out: { type: "string" },
      methods: { type: "string" },
      conversations: { type: "string" },
      limit: { type: "string" },
    },
  });
  if (!values.data) throw new ConfigError("npm run eval -- locomo needs --data <path to locomo JSON>");
  const limit = values.conversations ?? values.limit;
  const { runLocomo } = await import("./locomo/run-locomo.js");
  await runLocomo({
    dataPath: values.data,
    outDir: values.out ?? DEFAULT_OUT,
    methods: values.methods?.split(","),
    limitConversations: limit === undefined ? undefined : Number(limit),
  });
}

async function locomoCv(rest: string[]): Promise<void> {
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { data: { type: "string" }, out: { type: "string" }, conversations: { type: "string" }, grid: { type: "string" } },
  });
  if (!values.data) throw new ConfigError("npm run eval -- locomo-cv needs --data <path to locomo JSON>");
  const { crossValidate, parseGrid } = await import("./locomo/cross-validate.js");
  await crossValidate({
    dataPath: values.data,
    ...(values.grid ? { grid: parseGrid(values.grid) } : {}),
    outDir: values.out ?? DEFAULT_OUT,
    limitConversations: values.conversations === undefined ? undefined : Number(values.conversations),
  });
}

async function run(args: EvalCliArgs): Promise<void> {
  if (args.mode === "answer" && !process.env.MEMORIA_CHAT_MODEL) {
    throw new ConfigError("--mode answer needs a chat model: set MEMORIA_CHAT_MODEL (e.g. openai:gpt-4o-mini). Context mode runs offline.");
  }
  const all = args.data ? await loadLocomoAsScenarios(args.data) : await loadScenarios();
  const scenarios = pickScenarios(all, { ids: args.scenarios, limit: args.limit });
  const dataset = args.data ? `locomo:${relative(process.cwd(), args.data)}` : "personalization";
  const probes = scenarios.reduce((n, s) => n + s.probes.length, 0);
  process.stderr.write(
    `memoria eval: ${scenarios.length} scenario(s), ${probes} probes × tiers ${args.tiers.join(",")}, ${args.mode} mode, extraction ${args.extraction}, embeddings ${args.embeddings}` +
      ` (${args.data ?? relative(process.cwd(), DEFAULT_DATASET_DIR)})\n`,
  );
  const result = await runEval({
    mode: args.mode,
    tiers: args.tiers,
    scenarios,
    dataset,
    datasetKind: args.data ? "locomo" : "personalization",
    embeddings: args.embeddings,
    judgeModel: args.judgeModel,
    extraction: args.extraction,
    contextOverrides: {
      ...args.context,
      ...(args.memoryTokenBudget !== undefined ? { memoryTokenBudget: args.memoryTokenBudget } : {}),
      ...(args.historyTokenBudget !== undefined ? { historyTokenBudget: args.historyTokenBudget } : {}),
    },
    onProgress: progressBar(),
  });
  console.log(`\n${consoleSummary(result)}\n`);
  const written = await writeReport(result, args.out);
  console.log(`Report: ${written.files.join(", ")}`);
  console.log(`Latest: ${written.latestFiles.join(", ")}`);
  if (args.publish) console.log(`Published: ${(await publishReport(result, written)).join(", ")}`);
  await evaluateWithLangsmith(result, { upload: langsmithEnabled(), log: (line) => console.log(line) });
}

try {
  const args = parseEvalArgs(process.argv.slice(2));
  if (args.command === "help") console.log(EVAL_HELP);
  else if (args.command === "locomo") await locomo(args.rest);
  else if (args.command === "locomo-cv") await locomoCv(args.rest);
  else await run(args);
} catch (error) {
  if (error instanceof MemoriaError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`eval: ${(error as Error).message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
