import { parseArgs } from "node:util";
import { ConfigError } from "../../src/config/errors.js";
import { TIERS, type Tier } from "../../src/graph/tiers.js";
import type { EvalMode } from "./types.js";

/** Parsed options of `npm run eval`. */
export interface EvalCliArgs {
  command: "run" | "locomo" | "locomo-cv" | "help";
  mode: EvalMode;
  tiers: Tier[];
  scenarios?: string[];
  limit?: number;
  data?: string;
  out: string;
  embeddings: string;
  judgeModel?: string;
  /** Context mode: "oracle" (default) extracts the dataset's gold facts; "off" stores only what the graph itself stores (episodes). */
  extraction: "oracle" | "off";
  /** Overrides of the run context's memoryTokenBudget and historyTokenBudget. */
  memoryTokenBudget?: number;
  historyTokenBudget?: number;
  /** Further run-context values (JSON object) for every turn. */
  context?: Record<string, unknown>;
  /** Also refresh the tracked evals/results/latest report and the README table (only for the default full run). */
  publish: boolean;
  /** Arguments after the `locomo` or `locomo-cv` subcommand, passed through. */
  rest: string[];
}

/** Where runs are written unless --out says otherwise (ignored by git). */
export const DEFAULT_OUT = "evals/results/runs";

/** Default number of LoCoMo scenarios (conversation × speaker) when --data is given without --limit. */
export const DEFAULT_LOCOMO_LIMIT = 2;

/** Help text of the eval CLI. */
export const EVAL_HELP = `Usage: npm run eval -- [options]
       npm run eval -- locomo --data <locomo.json> [--out dir] [--methods a,b] [--conversations N]
       npm run eval -- locomo-cv --data <locomo.json> [--out dir] [--conversations N]

Replays each scenario through the real graph at every tier and scores what each tier put in the prompt.

  --mode context|answer   context (default, offline): oracle extraction, scores the prompt;
                          answer: needs MEMORIA_CHAT_MODEL, LLM extraction, judged answers
  --tiers F,D,C,B,A       tiers to run (default all five)
  --scenarios id1,id2     only these scenarios
  --limit N               only the first N scenarios (LoCoMo default ${DEFAULT_LOCOMO_LIMIT})
  --data <path>           LoCoMo-format JSON instead of the personalization dataset
  --out <dir>             results directory (default ${DEFAULT_OUT}, ignored by git)
  --extraction oracle|off  context mode: gold facts as the extractor (default), or no extraction (episodes only)
  --memory-budget N       context.memoryTokenBudget for every turn (default: the context default)
  --history-budget N      context.historyTokenBudget for every turn (default: the context default)
  --context <json>        extra run-context values for every turn, e.g. '{"keepLastMessages":10}'
  --publish               also refresh the tracked evals/results/latest report and the README table
                          (default full run only; same as npm run eval:publish)
  --embeddings <spec>     local (default), hash, openai:<model>, transformers:<model>
  --judge-model <spec>    judge for answer mode (default: the chat model)
  -h, --help              this help`;

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

function jsonObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`--context must be a JSON object, got "${text}"`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`--context must be a JSON object, got "${text}"`);
  return parsed as Record<string, unknown>;
}

/** Parses the eval CLI's arguments; throws ConfigError with a readable message on bad input. */
export function parseEvalArgs(argv: string[]): EvalCliArgs {
  if (argv[0] === "locomo" || argv[0] === "locomo-cv") {
    return {
      command: argv[0],
      mode: "context",
      tiers: [...TIERS],
      out: DEFAULT_OUT,
      embeddings: "local",
      extraction: "oracle",
      publish: false,
      rest: argv.slice(1),
    };
  }
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      mode: { type: "string", default: "context" },
      tiers: { type: "string" },
      scenarios: { type: "string" },
      limit: { type: "string" },
      data: { type: "string" },
      out: { type: "string", default: DEFAULT_OUT },
      publish: { type: "boolean", default: false },
      embeddings: { type: "string", default: "local" },
      "judge-model": { type: "string" },
      extraction: { type: "string", default: "oracle" },
      "memory-budget": { type: "string" },
      "history-budget": { type: "string" },
      context: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const mode = values.mode;
  if (mode !== "context" && mode !== "answer") throw new ConfigError(`--mode must be context or answer, got "${mode}"`);
  const tiers = (values.tiers ?? TIERS.join(","))
    .split(",")
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
  const unknown = tiers.filter((t) => !(TIERS as readonly string[]).includes(t));
  if (unknown.length || tiers.length === 0) throw new ConfigError(`--tiers takes a list of ${TIERS.join(", ")}; got "${values.tiers}"`);
  const limit = positiveInt(values.limit, "--limit");
  const extraction = values.extraction;
  if (extraction !== "oracle" && extraction !== "off") throw new ConfigError(`--extraction must be oracle or off, got "${extraction}"`);
  if (values.publish && (mode !== "context" || values.data || values.scenarios || limit !== undefined || tiers.length !== TIERS.length)) {
    throw new ConfigError(
      "--publish takes only the default run (context mode, the personalization dataset, every tier, no --scenarios or --limit).",
    );
  }
  return {
    command: values.help ? "help" : "run",
    mode,
    tiers: TIERS.filter((t) => tiers.includes(t)),
    scenarios: values.scenarios
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    limit: limit ?? (values.data && !values.scenarios ? DEFAULT_LOCOMO_LIMIT : undefined),
    data: values.data,
    out: values.out,
    embeddings: values.embeddings,
    judgeModel: values["judge-model"],
    extraction,
    memoryTokenBudget: positiveInt(values["memory-budget"], "--memory-budget"),
    historyTokenBudget: positiveInt(values["history-budget"], "--history-budget"),
    context: values.context === undefined ? undefined : jsonObject(values.context),
    publish: values.publish,
    rest: [],
  };
}
