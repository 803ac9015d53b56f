import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { loadLocomo } from "../../evals/locomo/load-locomo.js";
import { runLocomo } from "../../evals/locomo/run-locomo.js";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";

const dataPath = resolve(import.meta.dirname, "../../../shared/datasets/locomo/locomo-dev.json");
const exists = existsSync(dataPath);
if (!exists)
  console.warn(
    `[locomo.test] ${dataPath} is absent: skipping the LoCoMo loader and harness tests (the data lives outside the repo, CC BY-NC).`,
  );

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("LoCoMo harness", () => {
  it.runIf(exists)("loads turns with session dates, questions with evidence, and observations", async () => {
    const [conv] = await loadLocomo(dataPath);
    expect(conv!.turns[0]).toMatchObject({ id: "D1:1", session: 1, position: 0 });
    expect(conv!.turns[0]!.date).toMatch(/2023/);
    expect(conv!.questions.every((q) => q.category >= 1 && q.category <= 4)).toBe(true);
    expect(conv!.observations[0]!.sourceIds[0]).toMatch(/^D\d+:\d+$/);
  });

  it.runIf(exists)(
    "runs every method on a third of one conversation's questions, writes reports, and the improved method beats BM25 within 500 tokens",
    async () => {
      const outDir = await mkdtemp(join(tmpdir(), "memoria-locomo-"));
      dirs.push(outDir);
      const report = await runLocomo({
        dataPath,
        outDir,
        limitConversations: 1,
        questionStride: 3,
        log: () => {},
        chromaUrl: inject("chromaUrl"),
        embedder: new LocalEmbeddings(),
      });
      const byName = Object.fromEntries(report.methods.map((m) => [m.name, m.summary.overall!]));
      expect(Object.keys(byName)).toEqual([
        "recency",
        "vector",
        "bm25",
        "hybrid-rrf",
        "observations",
        "improved",
        "memory-api-vector",
        "memory-api-turns",
        "memory-api",
        "memory-api-compact",
      ]);
      expect(byName["memory-api-turns"]!.recallAtK[10]!).toBeGreaterThan(byName["memory-api-vector"]!.recallAtK[10]!);
      expect(byName["memory-api"]!.recallAtBudget[500]!).toBeGreaterThan(byName["memory-api-vector"]!.recallAtBudget[500]!);
      expect(byName["memory-api-compact"]!.tokensAtK[10]!).toBeLessThan(byName["memory-api"]!.tokensAtK[10]!);
      expect(byName["memory-api-compact"]!.recallAtBudget[500]!).toBeGreaterThan(byName["memory-api"]!.recallAtBudget[500]!);
      expect(byName.improved!.recallAtBudget[500]!).toBeGreaterThan(byName.bm25!.recallAtBudget[500]!);
      expect(byName.bm25!.recallAtK[10]!).toBeGreaterThan(byName.recency!.recallAtK[10]!);
      expect(await readFile(join(outDir, "locomo-latest.md"), "utf8")).toContain("| improved |");
    },
    180_000,
  );
});
