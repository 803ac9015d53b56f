import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../../src/graph/create-memoria.js";
import { InvalidInputError } from "../../../src/config/errors.js";
import { openSqlite } from "../../../src/memory/ledger/sqlite.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testConfig } from "../../helpers/stores.js";
import { memoryModel } from "../memory-fixtures.js";

const model = memoryModel({
  extract: (text) => {
    const facts = [];
    if (text.includes("Paris")) facts.push({ content: "User lives in Paris", category: "personal" });
    if (text.includes("Berlin")) facts.push({ content: "User lives in Berlin", category: "personal", eventDate: "2024-05-01" });
    if (text.includes("tennis")) facts.push({ content: "User plays tennis on Sundays", category: "hobby", type: "preference" as const });
    if (text.includes("Maya")) facts.push({ content: "User's sister Maya is a nurse", category: "relationships" });
    return facts;
  },
  reconcile: (view) => {
    const home = view.existing.find((e) => /lives in/.test(e.content));
    return /lives in/.test(view.candidate) && home
      ? { action: "SUPERSEDE", targetId: home.id, content: null }
      : { action: "ADD", targetId: null, content: null };
  },
});
const entityModel = { extract: async () => [{ name: "Maya", kind: "person", attributes: { relation: "sister" } }] };
let app: Memoria;

const turn = (userId: string, threadId: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: threadId }, context: { userId, tier: "A" } },
  );

beforeAll(async () => {
  app = await createMemoria({
    config: testConfig(),
    chatModel: model,
    embedder: new HashEmbeddings(),
    entityExtractor: entityModel.extract,
  });
});
afterAll(() => app?.close());

async function footprint(userId: string, threads: string[]) {
  const db = openSqlite(join(app.config.dataDir, "checkpoints.sqlite"));
  const marks = threads.map(() => "?").join(",");
  const checkpoints = threads.length
    ? (db.prepare(`SELECT COUNT(*) AS n FROM checkpoints WHERE thread_id IN (${marks})`).get(...threads) as { n: number }).n
    : 0;
  db.close();
  return {
    memories: (await app.stores.memory.all({ userId })).length,
    entities: (await app.stores.entities.list(userId)).length,
    history: (await app.stores.ledger.history.forUser(userId)).length,
    threads: (await app.stores.ledger.threads.threadsOf(userId)).length,
    queue: (await app.stores.ledger.queue.pending(userId)).length,
    checkpoints,
  };
}

describe("memory API", () => {
  it("deleteUser leaves nothing of the user in any store and leaves other users alone", async () => {
    for (const userId of ["gone", "stays"]) {
      await turn(userId, `${userId}-1`, "I live in Paris and my sister Maya is a nurse");
      await turn(userId, `${userId}-2`, "I moved to Berlin, I play tennis");
      await app.stores.ledger.queue.push(userId, "extraction", {
        kind: "facts",
        input: { userId, userMessage: "x", now: new Date().toISOString() },
        source: {},
      });
    }
    const threads = ["gone-1", "gone-2"];
    const before = await footprint("gone", threads);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const report = await app.api.deleteUser("gone");
    expect(report).toMatchObject({ threads: 2, queuedJobs: 1 });
    expect(await footprint("gone", threads)).toEqual({ memories: 0, entities: 0, history: 0, threads: 0, queue: 0, checkpoints: 0 });
    expect(await app.checkpointer!.getTuple({ configurable: { thread_id: "gone-1" } })).toBeUndefined();
    const other = await footprint("stays", ["stays-1", "stays-2"]);
    expect(other).toEqual({ ...before, queue: 1 });
  });

  it("export then import into a fresh data directory round-trips every field", async () => {
    const userId = "export-me";
    await app.api.add("I live in Paris", {
      userId,
      now: "2024-01-01T00:00:00.000Z",
      metadata: { threadId: "t-x", messageIds: ["m-1"], subject: "Ana" },
    });
    await app.api.add("I moved to Berlin", { userId, now: "2024-06-01T00:00:00.000Z" });
    await app.api.add("Maya and tennis", { userId, now: "2024-06-02T00:00:00.000Z" });
    const hits = await app.api.search("tennis", { userId, limit: 1 });
    await app.stores.memory.recordAccess(userId, [hits[0]!.id], "2024-06-03T00:00:00.000Z");
    await app.stores.entities.merge(userId, [{ name: "Maya", kind: "person", attributes: { job: "nurse" } }], "2024-06-02T00:00:00.000Z");
    const exported = await app.api.export(userId);
    expect(exported.memories).toHaveLength(4);
    expect(exported.memories.some((m) => m.validUntil)).toBe(true);
    expect(exported.memories.find((m) => m.content === "User lives in Paris")?.subject).toBe("Ana");

    const fresh = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings() });
    try {
      const counts = await fresh.api.import(userId, JSON.stringify(exported));
      expect(counts).toEqual({ memories: 4, entities: 1, history: exported.history.length });
      const again = await fresh.api.export(userId);
      const sorted = <T extends { id?: string; memoryId?: string; at?: string; action?: string }>(xs: T[]) =>
        [...xs].sort((a, b) =>
          `${a.id ?? a.memoryId}${a.at ?? ""}${a.action ?? ""}`.localeCompare(`${b.id ?? b.memoryId}${b.at ?? ""}${b.action ?? ""}`),
        );
      expect(sorted(again.memories)).toEqual(sorted(exported.memories));
      expect(again.entities).toEqual(exported.entities);
      expect(again.history).toEqual(exported.history);
      expect((await fresh.api.search("Berlin", { userId }))[0]!.content).toBe("User lives in Berlin");
      await expect(fresh.api.import(userId, { format: "memoria-export", version: 2 })).rejects.toBeInstanceOf(InvalidInputError);
      await fresh.api.import("copy", exported);
      const copy = await fresh.api.export("copy");
      expect(copy.memories.map((m) => m.content).sort()).toEqual(exported.memories.map((m) => m.content).sort());
      expect(copy.memories.some((m) => exported.memories.some((e) => e.id === m.id))).toBe(false);
      expect(sorted((await fresh.api.export(userId)).memories)).toEqual(sorted(exported.memories));
    } finally {
      await fresh.close();
    }
  });

  it("lists and deletes one entity by name, by a shorter form of its name or by id, and only the user's own", async () => {
    await app.stores.entities.merge("ent-a", [
      { name: "Maya Lopez", kind: "person", attributes: { relation: "sister" } },
      { name: "Rex", kind: "pet", attributes: { species: "dog" } },
      { name: "Brightside Studio", kind: "organization", attributes: {} },
    ]);
    await app.stores.entities.merge("ent-b", [{ name: "Rex", kind: "pet", attributes: { species: "cat" } }]);
    expect((await app.api.entities("ent-a")).map((e) => e.name)).toEqual(["Brightside Studio", "Maya Lopez", "Rex"]);
    expect(await app.api.deleteEntity("ent-a", "maya")).toMatchObject({ name: "Maya Lopez" });
    expect(await app.api.deleteEntity("ent-a", "REX")).toMatchObject({ name: "Rex", attributes: { species: "dog" } });
    const studio = (await app.api.entities("ent-a"))[0]!;
    expect(await app.api.deleteEntity("ent-a", studio.id)).toMatchObject({ name: "Brightside Studio" });
    expect(await app.api.entities("ent-a")).toEqual([]);
    expect(await app.api.deleteEntity("ent-a", "Rex")).toBeUndefined();
    expect((await app.api.entities("ent-b")).map((e) => e.attributes.species)).toEqual(["cat"]);
    await expect(app.api.deleteEntity("ent-b", "  ")).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("user ids with quotes, slashes and unicode are isolated", async () => {
    const ids = [`o'brien "q"`, `o'brien "q"/x`, "a/b\\c", "ユーザー🙂", "ユーザー"];
    for (const userId of ids) await app.api.add(`I am ${userId} and I live in Paris`, { userId, infer: false });
    for (const userId of ids) {
      const { items } = await app.api.list({ userId });
      expect(items.map((m) => m.content)).toEqual([`I am ${userId} and I live in Paris`]);
      const hits = await app.api.search("live in Paris", { userId });
      expect(hits.every((h) => h.userId === userId)).toBe(true);
    }
    await app.api.deleteUser(ids[0]!);
    expect((await app.api.list({ userId: ids[1]! })).total).toBe(1);
    await expect(app.api.add("x", { userId: "bad\u0000id", infer: false })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(app.api.add("x", { userId: ids[1]!, infer: false, metadata: { subject: "  " } })).rejects.toThrow(
      /subject must be a non-empty name/,
    );
  });

  it("lists in pages, filters searches, updates and deletes", async () => {
    const userId = "pager";
    for (let i = 0; i < 7; i++) {
      await app.api.add(`Note number ${i} about gardening`, {
        userId,
        infer: false,
        now: `2024-03-0${i + 1}T00:00:00.000Z`,
        metadata: { category: i % 2 ? "hobby" : "work" },
      });
    }
    const first = await app.api.list({ userId, limit: 3 });
    expect(first).toMatchObject({ total: 7, nextOffset: 3 });
    expect(first.items[0]!.content).toBe("Note number 6 about gardening");
    const last = await app.api.list({ userId, limit: 3, offset: 6 });
    expect(last).toMatchObject({ nextOffset: null, items: [{ content: "Note number 0 about gardening" }] });
    const hobby = await app.api.search("gardening", { userId, filters: { category: "hobby" } });
    expect(hobby.map((h) => h.category)).toEqual(["hobby", "hobby", "hobby"]);
    const ranged = await app.api.search("gardening", {
      userId,
      filters: { createdFrom: "2024-03-02T00:00:00.000Z", createdTo: "2024-03-03T00:00:00.000Z" },
    });
    expect(ranged.map((h) => h.content).sort()).toEqual(["Note number 1 about gardening", "Note number 2 about gardening"]);
    const updated = await app.api.update(first.items[0]!.id, { content: "Note six is about roses", importance: 0.9 }, { userId });
    expect(updated).toMatchObject({ content: "Note six is about roses", importance: 0.9 });
    expect((await app.api.search("roses", { userId, limit: 1 }))[0]!.id).toBe(updated.id);
    expect(await app.api.delete(updated.id, { userId })).toBe(true);
    expect(await app.api.delete(updated.id, { userId })).toBe(false);
    expect((await app.api.history(updated.id, { userId })).map((e) => [e.action, e.content])).toEqual([
      ["ADD", null],
      ["UPDATE", null],
      ["DELETE", null],
    ]);
  });
});
