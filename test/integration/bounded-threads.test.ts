import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { countTokens } from "../../src/memory/token-counter.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { growingSummarizer, longThreadModel, runLongThread, sqliteCheckpointBytes } from "../helpers/long-thread.js";
import { testConfig } from "../helpers/stores.js";

/** Turns per tier: the summary reaches its cap by turn 50; the thread then runs 25-40 more turns (fewer where a turn costs Chroma calls). */
const TURNS = { F: 90, D: 90, C: 90, B: 75, A: 75 } as const;
const model = longThreadModel();
let app: Memoria;

beforeAll(async () => {
  app = await createMemoria({
    config: testConfig(),
    chatModel: model,
    embedder: new HashEmbeddings(),
    summarizer: growingSummarizer,
    extraction: "inline",
  });
});
afterAll(() => app?.close());

describe("a long thread stays bounded in state, prompt and checkpoint file", () => {
  for (const tier of ["F", "D", "C", "B", "A"] as const) {
    it(`tier ${tier}: ${TURNS[tier]} turns keep prompt tokens and checkpoint bytes flat after the threshold`, async () => {
      const samples = await runLongThread({
        app,
        model,
        tier,
        turns: TURNS[tier],
        sampleAt: Array.from({ length: TURNS[tier] - 29 }, (_, i) => 30 + i),
        checkpointBytes: () => sqliteCheckpointBytes(app.config.dataDir),
      });
      const early = samples.filter((s) => s.turn <= 50);
      const late = samples.filter((s) => s.turn > TURNS[tier] - 20);
      const last = samples.at(-1);
      const max = (xs: typeof samples, key: "promptTokens" | "checkpointBytes") => Math.max(...xs.map((x) => x[key]));
      expect(max(late, "checkpointBytes")).toBeLessThanOrEqual(max(early, "checkpointBytes") * 1.05 + 256 * 1024);
      expect(max(late, "promptTokens")).toBeLessThanOrEqual(max(early, "promptTokens") + 40);
      if (tier === "F" || tier === "D") expect(last!.stateMessages).toBe(2);
      else expect(last!.stateMessages).toBeLessThanOrEqual(22);
      expect(last!.promptTokens).toBeLessThan(1_000 + 2_000 + 600);
      const state = await app.graph.getState({ configurable: { thread_id: `long-${tier}` } });
      const summaryTokens = countTokens(String(state.values.summary ?? ""));
      expect(summaryTokens).toBeLessThanOrEqual(1_000);
      if (tier !== "F" && tier !== "D") expect(summaryTokens).toBeGreaterThan(900);
      const history = [];
      for await (const c of app.checkpointer!.list({ configurable: { thread_id: `long-${tier}` } })) history.push(c);
      expect(history.length).toBe(20);
    });
  }
});
