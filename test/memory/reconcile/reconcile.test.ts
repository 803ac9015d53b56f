import { readFileSync, existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../../src/graph/create-memoria.js";
import { testConfig } from "../../helpers/stores.js";
import { captureLogger, gloveEmbedder, memoryModel, reconcileCalls, type ReconcileView } from "../memory-fixtures.js";

const FACTS = [
  { key: "lisbon", wordings: ["User lives in Lisbon", "user lives in LISBON!", "The user's home city is Lisbon"] },
  { key: "nurse", wordings: ["User works as a nurse", "User works as a nurse.", "User has a job as a nurse"] },
  { key: "jazz", wordings: ["User likes jazz music", "user likes jazz music", "User enjoys listening to jazz"] },
  { key: "biscuit", wordings: ["User has a dog named Biscuit", "User has a dog named biscuit", "User owns a dog called Biscuit"] },
  { key: "peanuts", wordings: ["User is allergic to peanuts", "User is allergic to peanuts!!", "User has a peanut allergy"] },
];

const keyOf = (text: string) => FACTS.find((f) => text.toLowerCase().includes(f.key.slice(0, 6)))?.key;

let mode: "ok" | "unknown-id" | "malformed" | "throw" = "ok";
const decide = (view: ReconcileView) => {
  if (mode === "unknown-id") return { action: "UPDATE", targetId: "m99", content: "User lives on the moon" };
  if (mode === "malformed") return { verdict: "replace everything" };
  if (mode === "throw") throw new Error("model unavailable");
  const same = view.existing.find((e) => keyOf(e.content) && keyOf(e.content) === keyOf(view.candidate));
  if (same) return { action: "NONE", targetId: same.id, content: null };
  if (/forget/i.test(view.candidate)) {
    const target = view.existing.find((e) => /sushi/i.test(e.content));
    return target ? { action: "DELETE", targetId: target.id, content: null } : { action: "NONE", targetId: null, content: null };
  }
  const home = view.existing.find((e) => /lives in/i.test(e.content));
  if (/lives in/i.test(view.candidate) && home) return { action: "SUPERSEDE", targetId: home.id, content: null };
  return { action: "ADD", targetId: null, content: null };
};

let round = 0;
const model = memoryModel({
  extract: (text) => {
    if (text.includes("five facts")) return FACTS.map((f) => ({ content: f.wordings[round % 3]! }));
    if (text.includes("Paris")) return [{ content: "User lives in Paris", category: "personal", importance: 0.8 }];
    if (text.includes("Berlin")) return [{ content: "User lives in Berlin", category: "personal", importance: 0.8 }];
    if (text.includes("forget")) return [{ content: "User asked to forget that they like sushi", type: "preference", category: "food" }];
    if (text.includes("sushi")) return [{ content: "User likes sushi", type: "preference", category: "food" }];
    if (text.includes("cello")) return [{ content: "User plays the cello", category: "hobby" }];
    return [];
  },
  reconcile: decide,
});
const logger = captureLogger();
let app: Memoria;

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: gloveEmbedder(), logger });
});
afterAll(() => app?.close());

describe("reconciliation in the write path", () => {
  it("a contradiction supersedes: one current fact, the old one closed and still reachable as history", async () => {
    const userId = "contra";
    await app.api.add("I live in Paris", { userId, now: "2024-01-10T10:00:00.000Z" });
    await app.api.add("I work as a nurse.", { userId, infer: false, now: "2024-01-11T10:00:00.000Z" });
    const [outcome] = await app.api.add("I moved to Berlin last month", { userId, now: "2024-06-01T10:00:00.000Z" });
    expect(outcome!.action).toBe("SUPERSEDE");
    const current = await app.api.list({ userId });
    expect(current.items.map((m) => m.content).sort()).toEqual(["I work as a nurse.", "User lives in Berlin"]);
    const all = await app.api.list({ userId, includeHistorical: true });
    const paris = all.items.find((m) => m.content === "User lives in Paris")!;
    expect(paris.validUntil).toBe("2024-06-01T10:00:00.000Z");
    expect(paris.id).toBe(outcome!.replacedId);
    const hits = await app.api.search("where do I live", { userId, now: "2024-06-02T10:00:00.000Z" });
    expect(hits[0]!.content).toBe("User lives in Berlin");
    expect(hits.map((h) => h.content)).not.toContain("User lives in Paris");
    const before = await app.api.search("where did I live before", { userId, filters: { includeHistorical: true } });
    expect(before.map((h) => h.content)).toContain("User lives in Paris");
    expect((await app.api.history(paris.id, { userId })).map((e) => e.action)).toEqual(["ADD", "SUPERSEDED"]);
  });

  it("the same five facts added fifteen times in varied wording leave five memories", async () => {
    const userId = "dupes";
    const callsBefore = reconcileCalls(model).length;
    for (round = 0; round < 15; round++) await app.api.add("Here are my five facts again", { userId });
    const { items } = await app.api.list({ userId });
    expect(items).toHaveLength(5);
    expect(items.map((m) => m.content).sort()).toEqual(FACTS.map((f) => f.wordings[0]).sort());
    const calls = reconcileCalls(model).slice(callsBefore);
    expect(calls.length).toBeLessThan(75);
    const exactVariants = FACTS.map((f) => f.wordings[1]!);
    expect(calls.filter((c) => exactVariants.includes(c.candidate))).toEqual([]);
  });

  it("a retraction deletes the memory, and its text is gone from search, export, history and the ledger file", async () => {
    const userId = "retract";
    const [added] = await app.api.add("I like sushi", { userId });
    const sushiId = added!.id!;
    await app.api.add("I play the cello", { userId });
    const [retracted] = await app.api.add("Please forget that I like sushi", { userId });
    expect(retracted).toMatchObject({ action: "DELETE", id: sushiId });
    expect(await app.api.get(sushiId, { userId })).toBeUndefined();
    const hits = await app.api.search("sushi", { userId, filters: { includeHistorical: true } });
    expect(hits.map((h) => h.content).join("\n")).not.toMatch(/sushi/i);
    expect(JSON.stringify(await app.api.export(userId))).not.toMatch(/sushi/i);
    expect((await app.api.history(sushiId, { userId })).map((e) => [e.action, e.content])).toEqual([
      ["ADD", null],
      ["DELETE", null],
    ]);
    const ledger = app.stores.ledger.path!;
    for (const file of [ledger, `${ledger}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes("sushi")).toBe(false);
  });

  for (const failure of ["unknown-id", "malformed", "throw"] as const) {
    it(`reconciler output that is ${failure} changes nothing and is logged`, async () => {
      const userId = `fail-${failure}`;
      await app.api.add("I live in Paris", { userId });
      const before = await app.api.export(userId);
      const warned = logger.warnings.length;
      mode = failure;
      try {
        const [outcome] = await app.api.add("Actually I moved to Berlin", { userId });
        expect(outcome).toMatchObject({ action: "NONE" });
        expect(outcome!.error).toBeTruthy();
      } finally {
        mode = "ok";
      }
      const after = await app.api.export(userId);
      expect({ ...after, exportedAt: "" }).toEqual({ ...before, exportedAt: "" });
      expect(logger.warnings.slice(warned).join("\n")).toMatch(/reconcile: kept memory unchanged/);
    });
  }
});
