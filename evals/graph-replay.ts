import { writeGraphReplaySummary, type ReplayRow } from "./report/graph-replay-summary.js";

const DATA = process.argv[2] ?? "../shared/datasets/locomo/locomo-dev.json";
const OUT = "evals/results/graph-replay";
const run = (tiers: string, flags: string, dir: string) =>
  `npx tsx evals/cli.ts --data ${DATA} --tiers ${tiers} ${flags} --out ${OUT}/${dir}`;

/** The rows of the LoCoMo graph-replay summary: each was produced by the command shown beside it. */
const ROWS: ReplayRow[] = [
  {
    label: "A, extraction off (episodes), memory 600 + history 250",
    dir: `${OUT}/a-off`,
    command: run("A", "--extraction off --memory-budget 600 --history-budget 250", "a-off"),
    color: "#2e9e5b",
  },
  {
    label: "A, oracle facts + episodes, memory 450 + history 250 (+ profile, entities)",
    dir: `${OUT}/a-oracle`,
    command: run("A", "--extraction oracle --memory-budget 450 --history-budget 250", "a-oracle"),
    color: "#1b5e3a",
  },
  {
    label: "A, extraction off, default budgets (600 + 2,000)",
    dir: `${OUT}/a-off-default`,
    command: run("A", "--extraction off", "a-off-default"),
    color: "#7fc99a",
  },
  {
    label: "C, history + summary (the whole last session fits; C cannot spend more)",
    dir: `${OUT}/c-same-tokens`,
    command: run("C", `--extraction off --history-budget 1100 --context '{"keepLastMessages":10}'`, "c-same-tokens"),
    color: "#e08a2e",
  },
];

/** Tier A with extraction off on every conversation of the development split (10 scenarios, 760 questions). */
const DEV: ReplayRow = {
  label: "A, extraction off (episodes), memory 600 + history 250",
  dir: `${OUT}/a-off-dev`,
  command: run("A", "--limit 10 --extraction off --memory-budget 600 --history-budget 250", "a-off-dev"),
  color: "#2e9e5b",
};

const md = await writeGraphReplaySummary(ROWS, DEV, "evals/results/locomo-graph-latest.md", "evals/results/locomo-graph-chart.svg");
console.log(md);
