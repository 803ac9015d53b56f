import { describe, expect, it } from "vitest";
import { HybridRetriever, type RetrievalDoc } from "../../../../evals/locomo/retriever/hybrid-retriever.js";
import { renderContext } from "../../../../evals/locomo/retriever/render-context.js";
import { VectorIndex } from "../../../../evals/locomo/retriever/vector-index.js";
import { HashEmbeddings } from "../../../../src/providers/hash-embeddings.js";

const turn = (session: number, position: number, speaker: string, text: string): RetrievalDoc => ({
  id: `D${session}:${position}`,
  text: `${speaker}: ${text}`,
  speaker,
  group: `session ${session}`,
  position,
  date: `${session} May 2023`,
});

const docs = [
  turn(1, 1, "Ann", "Hi Bob, how are you?"),
  turn(1, 2, "Bob", "Great! I just adopted a puppy named Rex."),
  turn(1, 3, "Ann", "So cute. What breed?"),
  turn(1, 4, "Bob", "A golden retriever."),
  turn(2, 1, "Ann", "I started pottery classes last week."),
  turn(2, 2, "Bob", "I started pottery too, years ago."),
  turn(2, 3, "Ann", "My teacher says my bowls are improving."),
];

async function build(): Promise<HybridRetriever> {
  const r = new HybridRetriever({ embedder: new HashEmbeddings() });
  await r.addDocuments(docs);
  return r;
}

describe("HybridRetriever", () => {
  it("ranks the lexically matching turn first and explains the channels behind it", async () => {
    const [top] = await (await build()).search("What is the name of Bob's puppy?", 5);
    expect(top!.id).toBe("D1:2");
    expect(top!.why).toMatch(/bm25 #1/);
    expect(top!.contributions.map((c) => c.list)).toEqual(expect.arrayContaining(["bm25", "window", "vector"]));
  });

  it("reaches a turn through its neighbourhood when the answer turn shares no words with the query", async () => {
    const ids = (await (await build()).search("Which breed is the puppy?", 4)).map((r) => r.id);
    expect(ids).toContain("D1:4");
  });

  it("boosts turns by the one speaker a query names", async () => {
    const ranked = await (await build()).search("When did Ann start pottery?", 3);
    expect(ranked[0]!.id).toBe("D2:1");
    expect(ranked[0]!.why).toContain("speaker Ann");
  });

  it("retrieves source turns through extracted facts", async () => {
    const r = await build();
    await r.addFacts([{ id: "f1", text: "Bob owns a dog", sourceIds: ["D1:2"] }]);
    const top = (await r.search("does bob own a dog", 3)).find((x) => x.id === "D1:2");
    expect(top?.contributions.map((c) => c.list)).toContain("fact-bm25");
  });

  it("returns neighbours within a group and nothing for an empty store", async () => {
    const r = await build();
    expect(r.neighbours("D1:2", 1).sort()).toEqual(["D1:1", "D1:3"]);
    expect(await new HybridRetriever({ embedder: new HashEmbeddings() }).search("anything")).toEqual([]);
  });
});

describe("renderContext", () => {
  it("regroups documents by group in original order under one date header each", () => {
    expect(renderContext([docs[5]!, docs[1]!, docs[0]!])).toEqual([
      "[1 May 2023]",
      "Ann: Hi Bob, how are you?",
      "Bob: Great! I just adopted a puppy named Rex.",
      "[2 May 2023]",
      "Bob: I started pottery too, years ago.",
    ]);
  });
});

describe("VectorIndex", () => {
  it("ranks by cosine similarity, filters, removes and rejects wrong dimensions", () => {
    const idx = new VectorIndex(2);
    idx.add("x", [1, 0]);
    idx.add("y", [0, 3]);
    idx.add("z", [1, 1]);
    expect(idx.search([1, 0.1], 2).map((h) => h.id)).toEqual(["x", "z"]);
    expect(idx.search([1, 0], 5, (id) => id !== "x")[0]!.id).toBe("z");
    expect(idx.similarity("y", [0, 1])).toBeCloseTo(1);
    expect(idx.remove("x")).toBe(true);
    expect(idx.size).toBe(2);
    expect(() => idx.add("w", [1, 2, 3])).toThrow(RangeError);
  });
});
