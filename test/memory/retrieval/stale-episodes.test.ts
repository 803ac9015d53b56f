import { describe, expect, it } from "vitest";
import { isOutdatedEpisode } from "../../../src/memory/retrieval/stale-episodes.js";
import type { MemoryRecord } from "../../../src/memory/types.js";

const record = (id: string, extra: Partial<MemoryRecord> = {}): MemoryRecord => ({
  id,
  userId: "u",
  content: id,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-01T00:00:00Z",
  lastAccessedAt: null,
  accessCount: 0,
  source: { messageIds: ["m1"] },
  ...extra,
});

describe("isOutdatedEpisode", () => {
  const episode = record("e", { kind: "episode" });
  it("keeps an episode with no extracted facts, or whose facts all still hold", () => {
    expect(isOutdatedEpisode(episode, [])).toBe(false);
    expect(isOutdatedEpisode(episode, [record("f1"), record("f2")])).toBe(false);
  });
  it("drops an episode once any fact extracted from it was superseded", () => {
    expect(isOutdatedEpisode(episode, [record("f1"), record("f2", { validUntil: "2024-03-01T00:00:00Z" })])).toBe(true);
  });
  it("never applies to facts", () => {
    expect(isOutdatedEpisode(record("f"), [record("f2", { validUntil: "2024-03-01T00:00:00Z" })])).toBe(false);
  });
});
