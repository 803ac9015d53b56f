import { describe, expect, it } from "vitest";
import { wordOverlap } from "../../src/memory/content-hash.js";
import { decayRecord } from "../../src/memory/decay.js";
import { createLlmFactExtractor } from "../../src/memory/extraction/llm-fact-extractor.js";
import { recency } from "../../src/memory/ranking.js";
import { messageText } from "../../src/memory/token-counter.js";
import type { MemoryRecord } from "../../src/memory/types.js";
import { buildUserProfile } from "../../src/memory/user-profile.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { testStores } from "../helpers/stores.js";
import { memoryModel } from "./memory-fixtures.js";

const record = (over: Partial<MemoryRecord> = {}): MemoryRecord => ({
  id: "m",
  userId: "u",
  content: "User likes tea",
  type: "preference",
  category: "food",
  importance: 0.8,
  createdAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
  lastAccessedAt: null,
  accessCount: 0,
  source: {},
  ...over,
});

describe("decay, ranking and time", () => {
  it("decay lowers untouched memories, slower when used often, never twice for the same period", () => {
    const now = "2024-06-29T00:00:00.000Z";
    const untouched = decayRecord(record(), now, { halfLifeDays: 90 })!;
    expect(untouched.importance).toBeCloseTo(0.2, 2);
    const used = decayRecord(record({ accessCount: 3 }), now, { halfLifeDays: 90 })!;
    expect(used.importance).toBeGreaterThan(untouched.importance);
    expect(decayRecord(untouched, now, { halfLifeDays: 90 })).toBeUndefined();
    expect(decayRecord(record({ lastAccessedAt: "2024-06-27T00:00:00.000Z" }), now)).toBeUndefined();
    expect(decayRecord(record({ importance: 0.06 }), now, { halfLifeDays: 1, floor: 0.05 })!.importance).toBe(0.05);
    expect(recency("2024-01-01T00:00:00.000Z", "2024-01-31T00:00:00.000Z", 0, 30)).toBeCloseTo(0.5);
    expect(recency("2024-01-01T00:00:00.000Z", "2024-01-31T00:00:00.000Z", 7, 30)).toBeGreaterThan(0.8);
  });

  it("the decay job on the store lowers only memories left untouched", async () => {
    const stores = await testStores(new HashEmbeddings());
    try {
      const [old, fresh] = await stores.memory.write(
        "decay",
        [
          { content: "User likes green tea", type: "preference", category: "food", importance: 0.8 },
          { content: "User is learning Portuguese", type: "fact", category: "personal", importance: 0.8 },
        ],
        {},
        "2024-01-01T00:00:00.000Z",
      );
      await stores.memory.recordAccess("decay", [fresh!.id!], "2024-06-25T00:00:00.000Z");
      expect(await stores.memory.decay("decay", { now: "2024-06-29T00:00:00.000Z", halfLifeDays: 90 })).toBe(1);
      const byId = new Map((await stores.memory.list("decay")).map((m) => [m.id, m]));
      expect(byId.get(old!.id!)!.importance).toBeLessThan(0.3);
      expect(byId.get(old!.id!)!.decayedAt).toBe("2024-06-29T00:00:00.000Z");
      expect(byId.get(fresh!.id!)!.importance).toBe(0.8);
    } finally {
      await stores.close();
    }
  });

  it("extraction resolves dates against the turn's date, and is told to extract retractions", async () => {
    const model = memoryModel({ extract: () => [{ content: "User ran a race", eventDate: "2024-02-03" }] });
    const extract = createLlmFactExtractor(model);
    const [memory] = await extract({ userId: "u", userMessage: "I ran a race last Saturday", now: "2024-02-06T12:00:00.000Z" });
    expect(memory!.eventDate).toBe("2024-02-03");
    const system = messageText(model.log.calls[0]!.messages[0]!);
    expect(system).toContain("2024-02-06");
    expect(system).toContain("asks you to forget");
  });

  it("the profile groups current facts by category, then preferences and tasks", () => {
    const profile = buildUserProfile([
      record({ content: "User likes tea" }),
      record({ id: "2", content: "User lives in Porto", type: "fact", category: "personal" }),
      record({ id: "3", content: "User lived in Lyon", type: "fact", category: "personal", validUntil: "2024-01-01T00:00:00.000Z" }),
      record({ id: "4", content: "User must renew passport", type: "task", category: "travel" }),
    ]);
    expect(profile).toBe("personal: User lives in Porto\npreferences: User likes tea\nopen tasks: User must renew passport");
  });
});

describe("fallback reconciler", () => {
  it("supersedes the memory named by a gold hint and adds otherwise, without a model", async () => {
    const stores = await testStores(new HashEmbeddings());
    try {
      const fact = (content: string, supersedes?: string) => ({
        content,
        type: "fact" as const,
        category: "work",
        importance: 0.7,
        supersedes,
      });
      const [nurse] = await stores.memory.write("oracle", [fact("User works as a nurse")], {}, "2024-01-01T00:00:00.000Z");
      const [doctor] = await stores.memory.write(
        "oracle",
        [fact("User now trains as a doctor", "User works as a nurse")],
        {},
        "2024-02-01T00:00:00.000Z",
      );
      const [extra] = await stores.memory.write("oracle", [fact("User likes chess")]);
      expect(doctor).toMatchObject({ action: "SUPERSEDE", replacedId: nurse!.id });
      expect(extra!.action).toBe("ADD");
      expect((await stores.memory.list("oracle")).map((m) => m.content).sort()).toEqual([
        "User likes chess",
        "User now trains as a doctor",
      ]);
      expect((await stores.ledger.history.forMemory(nurse!.id!)).map((e) => e.action)).toEqual(["ADD", "SUPERSEDED"]);
    } finally {
      await stores.close();
    }
  });
});

describe("near-duplicate guard", () => {
  it("treats a changed number or city as news, a re-punctuated sentence as a duplicate", () => {
    expect(wordOverlap("User runs 5 km a day", "User runs 10 km a day")).toBe(0);
    expect(wordOverlap("User lives in Paris", "User lives in Berlin")).toBeLessThan(0.7);
    expect(wordOverlap("User is a vegetarian", "user is vegetarian!")).toBeGreaterThanOrEqual(0.7);
  });
});
