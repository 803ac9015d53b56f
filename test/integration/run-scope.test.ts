import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { InvalidContextError } from "../../src/config/errors.js";
import { parseContext } from "../../src/graph/context.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([
  { when: "refund", memories: [{ content: "User asked for a refund of order 5512", type: "fact", category: "other", importance: 0.7 }] },
  { when: "hiking", memories: [{ content: "User goes hiking every weekend", type: "fact", category: "hobby", importance: 0.6 }] },
]);
let app: Memoria;
let queued: Memoria;

const turn = (thread: string, text: string, agentId?: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: thread }, context: { userId: "scope-ula", tier: "A", ...(agentId ? { agentId } : {}) } },
  );

beforeAll(async () => {
  [app, queued] = await Promise.all([
    createMemoria({ config: testConfig(), embedder: new HashEmbeddings(), chatModel: model, extraction: "inline" }),
    createMemoria({ config: testConfig(), embedder: new HashEmbeddings(), chatModel: model, extraction: "background" }),
  ]);
});
afterAll(async () => {
  await Promise.all([app?.close(), queued?.close()]);
});

describe("a run's scope on the memories extraction writes", () => {
  it("a run with agentId 'support' writes facts and its episode carrying agentId 'support' and the thread as runId", async () => {
    await turn("scope-t-support", "I need a refund for order 5512, please.", "support");
    await turn("scope-t-plain", "I go hiking every weekend.");
    const facts = await app.api.list({ userId: "scope-ula", kind: "fact" });
    const refund = facts.items.find((m) => m.content.includes("refund"))!;
    expect(refund).toMatchObject({ agentId: "support", runId: "scope-t-support" });
    const hiking = facts.items.find((m) => m.content.includes("hiking"))!;
    expect(hiking.agentId ?? undefined).toBeUndefined();
    expect(hiking.runId).toBe("scope-t-plain");
    const episodes = await app.api.list({ userId: "scope-ula", kind: "episode", agentId: "support" });
    expect(episodes.items.map((e) => [e.content.includes("order 5512"), e.runId])).toEqual([[true, "scope-t-support"]]);
  });

  it("search filtered by agentId finds the agent's memories and only those", async () => {
    const byAgent = await app.api.search("refund hiking weekend order", { userId: "scope-ula", agentId: "support" });
    expect(byAgent.length).toBeGreaterThan(0);
    expect(byAgent.every((m) => m.agentId === "support")).toBe(true);
    expect(byAgent.some((m) => m.content === "User asked for a refund of order 5512")).toBe(true);
    const byFilter = await app.api.search("hiking weekend", { userId: "scope-ula", filters: { agentId: "support" } });
    expect(byFilter.some((m) => m.content.includes("hiking"))).toBe(false);
    const byRun = await app.api.search("hiking weekend", { userId: "scope-ula", runId: "scope-t-plain" });
    expect(byRun.some((m) => m.content === "User goes hiking every weekend")).toBe(true);
    expect(byRun.every((m) => m.runId === "scope-t-plain")).toBe(true);
  });

  it("background extraction keeps the scope through the durable queue", async () => {
    await queued.graph.invoke(
      { messages: [{ role: "user", content: "Please refund order 5512." }] },
      { configurable: { thread_id: "scope-t-queued" }, context: { userId: "scope-vi", agentId: "billing" } },
    );
    await queued.background.drain();
    const all = (await queued.api.list({ userId: "scope-vi" })).items;
    expect(all.map((m) => [m.kind, m.agentId, m.runId]).sort()).toEqual([
      ["episode", "billing", "scope-t-queued"],
      ["fact", "billing", "scope-t-queued"],
    ]);
  });

  it("the context refuses a blank or oversized agentId", () => {
    expect(() => parseContext({ userId: "u", agentId: " " })).toThrow(InvalidContextError);
    expect(() => parseContext({ userId: "u", agentId: "a".repeat(201) })).toThrow(InvalidContextError);
    expect(parseContext({ userId: "u", agentId: "support" }).agentId).toBe("support");
  });
});
