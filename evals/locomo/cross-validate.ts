import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../../src/config/errors.js";
import type { HybridSearchOptions } from "../../src/memory/retrieval/hybrid-search.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";
import { evaluateMethod, summariseByCategory, type QuestionResult } from "./evaluate.js";
import { inProcessMethod, prepareInProcess, type InProcessConversation } from "./in-process-method.js";
import { loadLocomo, type LocomoConversation } from "./load-locomo.js";
import { BUDGETS, TokenCounter } from "./metrics.js";
import { markdownTable } from "./report.js";

/** The settings swept: the product's defaults sit in the middle of each range. */
export const CV_GRID = { vectorWeight: [0.25, 0.5, 1], windowWeight: [0.75, 1.5, 3], subjectBoost: [1, 1.5, 2] } as const;
/** The product's defaults for the swept settings. */
export const CV_DEFAULTS: HybridSearchOptions = { vectorWeight: 0.5, windowWeight: 1.5, subjectBoost: 2 };

/** Recall (percent) of a set of question results: overall within 500 and 1,500 tokens, and category 1 within 1,500. */
export interface CvScore {
  r500: number;
  r1500: number;
  c1r1500: number;
}

/** One fold: the conversation held out, the settings chosen on the others, and both scores on the held-out conversation. */
export interface CvFold {
  heldOut: string;
  chosen: HybridSearchOptions;
  chosenScore: CvScore;
  defaultScore: CvScore;
}

/** Leave-one-conversation-out result. */
export interface CvReport {
  createdAt: string;
  dataPath: string;
  configs: number;
  folds: CvFold[];
  pooled: { defaults: CvScore; heldOut: CvScore; inSampleBest: CvScore & { settings: HybridSearchOptions } };
}

/** A grid given as JSON text (`{"sessionBoost":[0,0.75]}`): every value a non-empty list of numbers. */
export function parseGrid(text: string): Record<string, number[]> {
  const grid: unknown = JSON.parse(text);
  const lists = grid && typeof grid === "object" && !Array.isArray(grid) ? Object.entries(grid) : [];
  if (!lists.length || !lists.every(([, v]) => Array.isArray(v) && v.length && v.every((x) => typeof x === "number")))
    throw new ConfigError(`--grid must be a JSON object of non-empty number lists, got ${text}`);
  return Object.fromEntries(lists) as Record<string, number[]>;
}

/** Every combination of the grid's settings. */
export function gridConfigs(grid: Record<string, readonly number[]> = CV_GRID): HybridSearchOptions[] {
  return Object.entries(grid).reduce<HybridSearchOptions[]>(
    (configs, [key, values]) => configs.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
    [{}],
  );
}

/** Scores of pooled question results (the selection objective is the mean of r500 and r1500). */
export function cvScore(results: QuestionResult[]): CvScore {
  const s = summariseByCategory(results);
  const at = (key: string, budget: number) => s[key]?.recallAtBudget[budget] ?? 0;
  return { r500: at("overall", 500), r1500: at("overall", 1500), c1r1500: at("1", 1500) };
}

const objective = (s: CvScore) => (s.r500 + s.r1500) / 2;
const same = (a: HybridSearchOptions, b: HybridSearchOptions) => JSON.stringify(a) === JSON.stringify(b);

/** Picks, for each held-out conversation, the settings that score best on the others, and scores them on the held-out one. */
export function leaveOneOut(
  results: Map<string, Map<string, QuestionResult[]>>,
  configs: HybridSearchOptions[],
  defaults: HybridSearchOptions,
): CvReport["folds"] {
  const conversations = [...(results.get(JSON.stringify(configs[0])) ?? new Map()).keys()];
  const of = (config: HybridSearchOptions, convs: string[]) => convs.flatMap((c) => results.get(JSON.stringify(config))?.get(c) ?? []);
  return conversations.map((heldOut) => {
    const training = conversations.filter((c) => c !== heldOut);
    const chosen = configs.reduce((best, c) => (objective(cvScore(of(c, training))) > objective(cvScore(of(best, training))) ? c : best));
    return { heldOut, chosen, chosenScore: cvScore(of(chosen, [heldOut])), defaultScore: cvScore(of(defaults, [heldOut])) };
  });
}

/** Options of a cross-validation run. */
export interface CrossValidateOptions {
  dataPath: string;
  outDir?: string;
  embedder?: Embedder;
  grid?: Record<string, readonly number[]>;
  defaults?: HybridSearchOptions;
  limitConversations?: number;
  log?: (line: string) => void;
}

/** Leave-one-conversation-out check of the search defaults: an estimate of recall on conversations the settings were not chosen on. */
export async function crossValidate(options: CrossValidateOptions): Promise<CvReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const embedder = options.embedder ?? new LocalEmbeddings();
  const conversations = (await loadLocomo(options.dataPath)).slice(0, options.limitConversations);
  const defaults = options.defaults ?? CV_DEFAULTS;
  const configs = gridConfigs(options.grid);
  if (!configs.some((c) => same(c, defaults))) configs.push(defaults);
  const stored = new Map<string, Promise<InProcessConversation>>();
  const prepared = (conv: LocomoConversation) => {
    if (!stored.has(conv.sampleId)) stored.set(conv.sampleId, prepareInProcess(embedder, conv));
    return stored.get(conv.sampleId)!;
  };
  const tokens = new TokenCounter();
  const results = new Map<string, Map<string, QuestionResult[]>>();
  for (const [i, config] of configs.entries()) {
    const perConversation = new Map<string, QuestionResult[]>();
    for (const conv of conversations)
      perConversation.set(conv.sampleId, await evaluateMethod(inProcessMethod(prepared, config), [conv], tokens));
    results.set(JSON.stringify(config), perConversation);
    log(`config ${i + 1}/${configs.length} ${JSON.stringify(config)}: ${JSON.stringify(cvScore([...perConversation.values()].flat()))}`);
  }
  const folds = leaveOneOut(results, configs, defaults);
  const all = (config: HybridSearchOptions) => [...(results.get(JSON.stringify(config))?.values() ?? [])].flat();
  const best = configs.reduce((b, c) => (objective(cvScore(all(c))) > objective(cvScore(all(b))) ? c : b));
  const heldOut = folds.flatMap((f) => results.get(JSON.stringify(f.chosen))?.get(f.heldOut) ?? []);
  const report: CvReport = {
    createdAt: new Date().toISOString(),
    dataPath: options.dataPath,
    configs: configs.length,
    folds,
    pooled: { defaults: cvScore(all(defaults)), heldOut: cvScore(heldOut), inSampleBest: { ...cvScore(all(best)), settings: best } },
  };
  const markdown = cvMarkdown(report);
  log(`\n${markdown}`);
  const outDir = options.outDir ?? join("evals", "results");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "locomo-cv-latest.md"), `${markdown}\n`);
  await writeFile(join(outDir, "locomo-cv-latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  log(`\nWrote ${join(outDir, "locomo-cv-latest.md")}, ${join(outDir, "locomo-cv-latest.json")}`);
  return report;
}

const f1 = (x: number) => x.toFixed(1);
const cells = (s: CvScore) => [f1(s.r500), f1(s.r1500), f1(s.c1r1500)];
const settings = (c: HybridSearchOptions) =>
  Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");

/** The cross-validation report as Markdown. */
export function cvMarkdown(report: CvReport): string {
  const budgets = BUDGETS.filter((b) => b === 500 || b === 1500).map((b) => `R≤${b}t`);
  const head = ["", ...budgets, "c1 R≤1500t"];
  const pooled = markdownTable(head, [
    ["defaults (chosen before this check)", ...cells(report.pooled.defaults)],
    ["chosen on the other conversations, scored on the held-out one", ...cells(report.pooled.heldOut)],
    [
      `best on all conversations (in-sample, optimistic): ${settings(report.pooled.inSampleBest.settings)}`,
      ...cells(report.pooled.inSampleBest),
    ],
  ]);
  const folds = markdownTable(
    ["held out", "chosen on the others", "chosen: R≤500t / R≤1500t / c1", "defaults: R≤500t / R≤1500t / c1"],
    report.folds.map((f) => [f.heldOut, settings(f.chosen), cells(f.chosenScore).join(" / "), cells(f.defaultScore).join(" / ")]),
  );
  return [
    `# LoCoMo leave-one-conversation-out (${report.createdAt})`,
    "",
    `Data: \`${report.dataPath}\`. Product search (hybridSearch over turns plus observations, Chroma replaced by exact in-process cosine), ${report.configs} settings.`,
    "Each fold picks the settings with the best mean of R≤500t and R≤1500t on the other conversations and scores them on the held-out one.",
    "",
    pooled,
    "",
    folds,
  ].join("\n");
}
