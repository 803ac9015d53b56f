import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { postgresSkipReason, startTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { startReplica, type Replica } from "../helpers/replica.js";
import { tempDir } from "../helpers/stores.js";

const skip = postgresSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== undefined)("two app processes on one Chroma server and one Postgres", () => {
  let pg: TestPostgres;
  let one: Replica;
  let two: Replica;

  beforeAll(async () => {
    pg = await startTestPostgres();
    const shared = {
      CHROMA_URL: inject("chromaUrl"),
      MEMORIA_CHECKPOINTER: "postgres",
      MEMORIA_POSTGRES_URL: pg.url,
      MEMORIA_COLLECTION_PREFIX: `r${randomUUID().replace(/-/g, "").slice(0, 12)}`,
      MEMORIA_EMBEDDINGS: "hash",
    };
    [one, two] = await Promise.all([
      startReplica({ ...shared, MEMORIA_DATA_DIR: tempDir() }),
      startReplica({ ...shared, MEMORIA_DATA_DIR: tempDir() }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    pg?.stop();
  });

  it("runs as two OS processes", () => {
    expect(one.pid).not.toBe(two.pid);
  });

  it("a memory written through one replica is found by the other within 1 s, even with a warm lexicon", async () => {
    const foundWithinOneSecond = async (query: string, text: string) => {
      const written = performance.now();
      let found = false;
      while (!found && performance.now() - written < 1_000) {
        found = (await two.call<string[]>("search", { userId: "ana", query })).includes(text);
        if (!found) await new Promise((r) => setTimeout(r, 50));
      }
      return found;
    };
    await one.call("add", { userId: "ana", text: "Ana keeps bees on her balcony in Lisbon" });
    expect(await foundWithinOneSecond("bees balcony", "Ana keeps bees on her balcony in Lisbon")).toBe(true);
    await one.call("add", { userId: "ana", text: "Ana started learning the cello in March" });
    expect(await foundWithinOneSecond("cello lessons", "Ana started learning the cello in March")).toBe(true);
  });

  it("a thread started on one replica continues on the other (shared Postgres checkpointer)", async () => {
    await one.call("turn", { userId: "bo", threadId: "bo-1", text: "My cat is called Miso." });
    expect(await two.call("turn", { userId: "bo", threadId: "bo-1", text: "What is my cat called?" })).toBe(4);
    expect(await one.call("thread", { threadId: "bo-1" })).toBe(4);
  });

  it("deleteUser through either replica removes the memories the other wrote (from the other's warm search index within 1 s)", async () => {
    await one.call("add", { userId: "cy", text: "Cy runs marathons" });
    await two.call("add", { userId: "cy", text: "Cy is allergic to cats" });
    const written = performance.now();
    let count = 0;
    while (count < 2 && performance.now() - written < 1_000) {
      count = await one.call<number>("count", { userId: "cy" });
      if (count < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(count).toBe(2);
    await two.call("deleteUser", { userId: "cy" });
    expect(await one.call("count", { userId: "cy" })).toBe(0);
    const deleted = performance.now();
    let found = ["not searched yet"];
    while (found.length && performance.now() - deleted < 1_000) {
      found = await one.call<string[]>("search", { userId: "cy", query: "marathons cats" });
      if (found.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(found).toEqual([]);
  });
});
