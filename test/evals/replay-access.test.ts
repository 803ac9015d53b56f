import { afterAll, describe, expect, it } from "vitest";
import { loadScenarios, pickScenarios } from "../../evals/dataset/load-dataset.js";
import { createExtractiveSummarizer } from "../../evals/oracle/extractive-summarizer.js";
import { createOracleEntityExtractor, createOracleFactExtractor, OracleAnnotations } from "../../evals/oracle/oracle-extractors.js";
import { RespondPromptCapture, SpanMeter } from "../../evals/runner/instrumentation.js";
import { evalUserId, replayScenario } from "../../evals/runner/replay-scenario.js";
import { cannedReplyModel } from "../../evals/runner/run-eval.js";
import { createMemoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { testConfig } from "../helpers/stores.js";

const [scenario] = pickScenarios(await loadScenarios(), ["tom-moves-to-lisbon"]);
const oracle = new OracleAnnotations();
oracle.use(scenario!);
let nextId = 0;
const memoria = await createMemoria({
  config: testConfig({ MEMORIA_CHECKPOINTER: "sqlite", MEMORIA_EMBEDDINGS: "hash" }),
  embedder: new HashEmbeddings(),
  newId: () => `m-${String(nextId++).padStart(6, "0")}`,
  chatModel: cannedReplyModel(oracle),
  factExtractor: createOracleFactExtractor(oracle),
  entityExtractor: createOracleEntityExtractor(oracle),
  summarizer: createExtractiveSummarizer(),
  extraction: "inline",
});
afterAll(() => memoria.close());

const uses = async (userId: string) => {
  const { memory, entities } = memoria.stores;
  const rows = [...(await memory.all({ userId })), ...(await entities.list(userId))];
  return Object.fromEntries(rows.map((r) => [r.id, [r.accessCount, r.lastAccessedAt]]));
};

describe("eval replay and batched access counts", () => {
  it("has written every use of a memory or entity by the time a replay returns, so the next search never races the batcher", async () => {
    const deps = { memoria, capture: new RespondPromptCapture(), meter: new SpanMeter(), mode: "context" as const };
    const results = await replayScenario(deps, scenario!, "A");
    expect(results).toHaveLength(scenario!.probes.length);
    const userId = evalUserId(scenario!, "A");
    const returned = await uses(userId);
    await Promise.all([memoria.stores.memory.flushAccess(), memoria.stores.entities.flushAccess()]);
    expect(await uses(userId)).toEqual(returned);
    expect(Object.values(returned).filter(([count]) => (count as number) > 0).length).toBeGreaterThan(3);
  }, 120_000);
});
