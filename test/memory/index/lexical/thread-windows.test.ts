import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemoryApi } from "../../../../src/memory/api/memory-api.js";
import type { OpenStores } from "../../../../src/memory/store/open-stores.js";
import { UserIndex } from "../../../../src/memory/index/user-index.js";
import type { MemoryRecord } from "../../../../src/memory/types.js";
import { testMemoryApi } from "../../../helpers/stores.js";

const NOW = "2025-03-01T00:00:00.000Z";
const record = (id: string, content: string, threadId?: string, extra: Partial<MemoryRecord> = {}): MemoryRecord => ({
  id,
  userId: "u",
  content,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: NOW,
  updatedAt: NOW,
  lastAccessedAt: null,
  accessCount: 0,
  source: { threadId, messageIds: [`m${id}`] },
  ...extra,
});
const windowIds = (lexicon: UserIndex, query: string) =>
  lexicon.searchWindows(query, { userId: "u", current: true }, 20).map((h) => h.record.id);

describe("thread windows in the user lexicon", () => {
  const thread = [
    record("1", "We talked about the weekend."),
    record("2", "My sister keeps talking about the Zanzibar marathon."),
    record("3", "I finally signed up for it yesterday."),
    record("4", "The training plan starts in June."),
    record("5", "Lunch was a sandwich."),
    record("6", "The weather turned cold."),
  ].map((r) => ({ ...r, source: { threadId: "t1", messageIds: [`msg-${r.id}`] } }));

  it("matches a memory through a neighbour within two places in its thread, not further", () => {
    const lexicon = new UserIndex(thread);
    expect(windowIds(lexicon, "Zanzibar").sort()).toEqual(["1", "2", "3", "4"]);
    expect(lexicon.search("Zanzibar", { userId: "u" }, 20).map((h) => h.record.id)).toEqual(["2"]);
  });

  it("orders a thread by message id numerically when memories were stored at the same instant", () => {
    const turns = Array.from({ length: 12 }, (_, i) =>
      record(`t${i}`, i === 10 ? "Quokka sighting." : `Turn number ${i}.`, "t1", { source: { threadId: "t1", messageIds: [`D1:${i}`] } }),
    );
    const lexicon = new UserIndex([...turns].reverse());
    expect(windowIds(lexicon, "quokka").sort()).toEqual(["t10", "t11", "t8", "t9"]);
  });

  it("stays in sync after delete and supersede", () => {
    const lexicon = new UserIndex(thread);
    lexicon.remove("2");
    expect(windowIds(lexicon, "Zanzibar")).toEqual([]);
    expect(windowIds(lexicon, "training").sort()).toEqual(["1", "3", "4", "5", "6"]);
    lexicon.upsert(
      record("2", "My sister keeps talking about the Zanzibar marathon.", "t1", { source: { threadId: "t1", messageIds: ["msg-2"] } }),
    );
    expect(windowIds(lexicon, "Zanzibar").sort()).toEqual(["1", "2", "3", "4"]);
    lexicon.upsert({ ...lexicon.get("2")!, validUntil: NOW });
    expect(windowIds(lexicon, "Zanzibar")).toEqual([]);
    expect(lexicon.searchWindows("Zanzibar", { userId: "u" }, 20).map((h) => h.record.id)).toEqual(["2"]);
  });

  it("never crosses threads", () => {
    const other = record("x", "Zanzibar is lovely.", "t2");
    const lexicon = new UserIndex([...thread.filter((r) => r.id !== "2"), other]);
    expect(windowIds(lexicon, "Zanzibar")).toEqual(["x"]);
  });

  it("links memories that came from the same source message", () => {
    const fact = record("f", "The user signed up for the Zanzibar marathon.", "facts", {
      source: { threadId: "facts", messageIds: ["msg-2", "msg-3"] },
    });
    const lexicon = new UserIndex([...thread, fact]);
    expect(
      lexicon
        .siblings("f", { userId: "u" })
        .map((r) => r.id)
        .sort(),
    ).toEqual(["2", "3"]);
    expect(lexicon.siblings("3", { userId: "u" }).map((r) => r.id)).toEqual(["f"]);
  });
});

describe("window channel through the memory API (real Chroma)", () => {
  let stores: OpenStores;
  let api: MemoryApi;

  beforeAll(async () => {
    ({ stores, api } = await testMemoryApi(NOW));
  });

  afterAll(async () => {
    await stores?.close();
  });

  const add = (userId: string, content: string, threadId: string, at: string) =>
    api.add(content, { userId, infer: false, metadata: { threadId, messageIds: [`${threadId}-${at}`] }, now: at });

  it("finds a memory because its neighbour matches, and never through another user's or thread's memories", async () => {
    await add("ann", "My sister keeps talking about the Zanzibar marathon.", "t1", "2025-01-01T10:00:00.000Z");
    const [target] = await add("ann", "I finally signed up for it yesterday.", "t1", "2025-01-01T10:01:00.000Z");
    const [elsewhere] = await add(
      "ann",
      "I signed up for a pottery class with my neighbour on Tuesday evenings.",
      "t2",
      "2025-01-01T11:00:00.000Z",
    );
    await add("ann", "The Zanzibar trip photos are online.", "t3", "2025-01-02T10:00:00.000Z");
    await add("ben", "Zanzibar marathon registration is open.", "t1", "2025-01-01T10:02:00.000Z");
    const [ben] = await add("ben", "I signed up for it too.", "t1", "2025-01-01T10:03:00.000Z");

    const results = await api.search("When did I sign up for the Zanzibar marathon?", { userId: "ann", limit: 10, now: NOW });
    const hit = results.find((m) => m.id === target!.id)!;
    expect(hit.channels?.window?.matched).toContain("zanzibar");
    expect(hit.why).toMatch(/window #\d+ \(.*zanzibar/);
    expect(results.findIndex((m) => m.id === target!.id)).toBeLessThan(results.findIndex((m) => m.id === elsewhere!.id));
    expect(results.find((m) => m.id === elsewhere!.id)?.channels?.window?.matched ?? []).not.toContain("zanzibar");
    expect(results.map((m) => m.id)).not.toContain(ben!.id);
  });

  it("drops a deleted or superseded neighbour from the window", async () => {
    const [neighbour] = await add("cy", "We discussed the Okavango safari.", "t1", "2025-01-01T10:00:00.000Z");
    const [target] = await add("cy", "I booked it this morning.", "t1", "2025-01-01T10:01:00.000Z");
    const windowOf = async (query: string) =>
      (await api.search(query, { userId: "cy", limit: 10, now: NOW })).find((m) => m.id === target!.id)?.channels?.window;
    expect((await windowOf("Okavango safari"))?.matched).toContain("okavango");
    await api.delete(neighbour!.id!, { userId: "cy" });
    expect(await windowOf("Okavango safari")).toBeUndefined();

    await add("cy", "We discussed the Serengeti safari.", "t1", "2025-01-01T10:00:30.000Z");
    expect((await windowOf("Serengeti"))?.matched).toContain("serengeti");
    const [replacement] = await stores.memory.write(
      "cy",
      [
        {
          content: "We discussed the Kruger safari.",
          type: "fact",
          category: "other",
          importance: 0.5,
          supersedes: "We discussed the Serengeti safari.",
        },
      ],
      { threadId: "t9" },
      NOW,
    );
    expect(replacement!.action).toBe("SUPERSEDE");
    expect(await windowOf("Serengeti")).toBeUndefined();
  });
});
