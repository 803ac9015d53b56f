import { describe, expect, it } from "vitest";
import { packMemories, type BudgetCandidate } from "../../src/nodes/memory-budget.js";
import { renderMemories } from "../../src/nodes/render-memories.js";

const base = { type: "fact", category: "other", importance: 0.5, score: 1, why: "" };
const fact = (id: string, content: string, messageIds: string[] = []): BudgetCandidate => ({ ...base, id, content, messageIds });
const episode = (id: string, content: string, day: string, threadId: string, messageIds: string[] = []): BudgetCandidate => ({
  ...base,
  id,
  content,
  kind: "episode",
  eventDate: `${day}T10:00:00Z`,
  threadId,
  messageIds,
});

describe("packMemories", () => {
  it("fills the budget best first, skipping what does not fit but taking smaller ones after it", () => {
    const long = fact("big", "word ".repeat(200));
    const packed = packMemories([fact("a", "User likes tea"), long, fact("b", "User has a cat")], 40);
    expect(packed.map((m) => m.id)).toEqual(["a", "b"]);
    expect(packMemories([fact("a", "User likes tea")], 0)).toEqual([]);
  });

  it("takes a fact instead of its source episode when both match, whatever their order", () => {
    const ranked = [
      episode("e1", "user: I'm allergic to peanuts", "2024-01-02", "t1", ["m1", "m2"]),
      fact("f1", "User is allergic to peanuts", ["m1"]),
      episode("e2", "user: I own a kayak", "2024-01-02", "t1", ["m3"]),
    ];
    expect(packMemories(ranked, 1_000).map((m) => m.id)).toEqual(["f1", "e2"]);
  });

  it("skips an episode the history already shows, but keeps a fact from the same message", () => {
    const ranked = [
      episode("e1", "user: I own a kayak", "2024-01-02", "t1", ["m1", "m2"]),
      episode("e2", "user: I live in Oslo", "2024-01-02", "t1", ["m3"]),
      fact("f1", "User owns a kayak", ["m1"]),
    ];
    expect(packMemories(ranked.slice(0, 2), 1_000, Infinity, new Set(["m1"])).map((m) => m.id)).toEqual(["e2"]);
    expect(packMemories([ranked[2]!], 1_000, Infinity, new Set(["m1"])).map((m) => m.id)).toEqual(["f1"]);
  });

  it("respects maxItems", () => {
    expect(packMemories([fact("a", "one"), fact("b", "two"), fact("c", "three")], 1_000, 2)).toHaveLength(2);
  });
});

describe("renderMemories", () => {
  it("renders facts as text, then the user's words of episodes grouped by conversation and day, oldest first", () => {
    const lines = renderMemories([
      episode("e2", "user: second\nassistant: ok", "2024-02-01", "t2"),
      fact("f", "User likes tea"),
      episode("e1", "user: first", "2024-01-01", "t1"),
      episode("e3", "user: third", "2024-02-01", "t2"),
    ]);
    expect(lines).toEqual(["- [fact/other] User likes tea", "user on 2024-01-01:", "first", "user on 2024-02-01:", "second", "third"]);
  });
});
