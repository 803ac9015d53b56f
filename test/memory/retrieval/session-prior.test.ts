import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULTS } from "../../../src/memory/defaults.js";
import { newRecord } from "../../../src/memory/reconcile/reconcile-write.js";
import type { Candidate } from "../../../src/memory/retrieval/fuse-channels.js";
import { sessionKey, sessionPrior } from "../../../src/memory/retrieval/session-prior.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { openStores } from "../../../src/memory/store/open-stores.js";
import { testConfig } from "../../helpers/stores.js";
import { gloveEmbedder } from "../memory-fixtures.js";

const NOW = "2025-03-01T00:00:00.000Z";

const candidate = (id: string, relevance: number, threadId?: string, eventDate = "2025-02-01T10:00:00.000Z"): Candidate => ({
  record: newRecord(
    "u",
    { content: id, type: "fact", category: "other", importance: 0.5, eventDate },
    threadId ? { threadId } : {},
    NOW,
    id,
  ),
  relevance,
  channels: {},
});

describe("session prior (two-level ranking)", () => {
  it("keys a memory by its thread and day, and leaves threadless and superseded memories out", () => {
    expect(sessionKey(candidate("a", 1, "t1").record)).toBe("t1@2025-02-01");
    expect(sessionKey(candidate("a", 1).record)).toBeUndefined();
    expect(sessionKey({ ...candidate("a", 1, "t1").record, validUntil: NOW })).toBeUndefined();
  });

  it("scores a session by its three best hits and boosts the top sessions' memories in proportion", () => {
    const candidates = [
      candidate("lone-strong", 0.9, "solo"),
      candidate("a1", 0.6, "trip"),
      candidate("a2", 0.5, "trip"),
      candidate("a3", 0.4, "trip"),
      candidate("a4", 0.1, "trip"),
      candidate("other-day", 0.3, "trip", "2025-02-09T10:00:00.000Z"),
      candidate("no-thread", 0.8),
    ];
    const out = new Map(sessionPrior(candidates, 2, 0.75).map((c) => [c.record.id, c]));
    expect(out.get("a4")!.relevance).toBeCloseTo(0.1 * 1.75);
    expect(out.get("a4")!.channels.session).toEqual({ rank: 1, boost: 1.75 });
    expect(out.get("lone-strong")!.relevance).toBeCloseTo(0.9 * (1 + (0.75 * 0.9) / 1.5));
    expect(out.get("lone-strong")!.channels.session!.rank).toBe(2);
    expect(out.get("other-day")!.relevance).toBe(0.3);
    expect(out.get("no-thread")!.relevance).toBe(0.8);
    expect(sessionPrior(candidates, 3, 0)).toBe(candidates);
  });
});

describe("session prior through search (real Chroma, local GloVe embedder)", () => {
  let twoLevel: OpenStores;
  let flat: OpenStores;
  const userId = "two-sessions";
  const ANSWER = "I packed a rain jacket and boots.";
  const OTHER = "I packed snacks and gear for the office party.";

  beforeAll(async () => {
    const config = testConfig();
    const open = (sessionBoost: number | undefined, suffix: string) => {
      let next = 0;
      return openStores({
        chromaUrl: config.chromaUrl,
        dataDir: config.dataDir,
        collectionPrefix: `${config.collectionPrefix}${suffix}`,
        embedder: gloveEmbedder(),
        search: sessionBoost === undefined ? {} : { sessionBoost },
        newId: () => `m-${next++}`,
      });
    };
    [twoLevel, flat] = await Promise.all([open(undefined, "s2"), open(0, "s1")]);
    const sessions: Array<[string, string, string[]]> = [
      ["hike", "2024-07-01T09:00:00.000Z", ["We planned the hiking trip to the Alps.", "The hiking trip starts on Monday.", ANSWER]],
      ["office", "2024-07-08T09:00:00.000Z", [OTHER, "The office party is on Friday."]],
      ["garden", "2024-07-15T09:00:00.000Z", ["The tomatoes in the garden are ripe.", "I watered the roses."]],
    ];
    for (const stores of [twoLevel, flat])
      for (const [threadId, eventDate, texts] of sessions)
        for (const content of texts)
          await stores.memory.insert(userId, { content, type: "fact", category: "other", importance: 0.5, eventDate }, { threadId }, NOW);
  });

  afterAll(async () => {
    await Promise.all([twoLevel?.close(), flat?.close()]);
  });

  it("by default lifts a weak hit from the session the strong hits come from above an equal hit elsewhere, and says why", async () => {
    const query = "What gear did I pack for the hiking trip?";
    const flatRanks = (await flat.memory.search(query, { userId, limit: 7, now: NOW })).map((m) => m.content);
    expect(flatRanks.indexOf(OTHER)).toBeLessThan(flatRanks.indexOf(ANSWER));
    const found = await twoLevel.memory.search(query, { userId, limit: 7, now: NOW });
    const ranks = found.map((m) => m.content);
    expect(ranks.indexOf(ANSWER)).toBeLessThan(ranks.indexOf(OTHER));
    const answer = found.find((m) => m.content === ANSWER)!;
    const boost = 1 + DEFAULTS.search.sessionBoost;
    expect(answer.channels?.session).toEqual({ rank: 1, boost });
    expect(answer.why).toContain(`session #1 ×${boost.toFixed(2)}`);
  });
});
