import { describe, expect, it } from "vitest";
import { Bm25Index } from "../../../../src/memory/index/lexical/bm25.js";
import { lightStem, tokenize } from "../../../../src/memory/index/lexical/tokenize.js";

describe("tokenize", () => {
  it("lowercases, keeps unicode words, drops stopwords and folds word forms", () => {
    expect(tokenize("The Café in Zürich was AMAZING")).toEqual(["café", "zürich", "amaz"]);
    expect(lightStem("painting")).toBe(lightStem("paints"));
    expect(lightStem("adopted")).toBe(lightStem("adopt"));
    expect(lightStem("agencies")).toBe(lightStem("agency"));
    expect(lightStem("running")).toBe("run");
  });

  it("folds -tion and -al derivations onto the word they come from, but not short words", () => {
    expect(lightStem("adoption")).toBe(lightStem("adopted"));
    expect(lightStem("education")).toBe(lightStem("educate"));
    expect(lightStem("organization")).toBe(lightStem("organize"));
    expect(lightStem("emotional")).toBe(lightStem("emotion"));
    expect(lightStem("natural")).toBe(lightStem("nature"));
    expect(["local", "total", "final"].map(lightStem)).toEqual(["local", "total", "final"]);
  });
});

describe("Bm25Index", () => {
  const build = () => {
    const idx = new Bm25Index();
    idx.add("a", "Caroline researched adoption agencies last week");
    idx.add("b", "Melanie painted a sunrise over the lake");
    idx.add("c", "We went camping by the lake with the kids");
    idx.add("d", "Caroline loves painting too");
    return idx;
  };

  it("matches a question's noun to the verb a memory used", () => {
    const hits = build().search("what will she adopt?");
    expect(hits[0]!.id).toBe("a");
  });

  it("ranks the document sharing the rarest query terms first and reports matched terms", () => {
    const hits = build().search("Which agency did Caroline research for adoption?");
    expect(hits[0]!.id).toBe("a");
    expect(hits[0]!.matched).toEqual(expect.arrayContaining(["agency", "research", "adopt"]));
    expect(hits.map((h) => h.id)).toContain("d");
    expect(hits.map((h) => h.id)).not.toContain("b");
  });

  it("supports incremental add, replace and remove", () => {
    const idx = build();
    expect(idx.size).toBe(4);
    expect(idx.search("sunrise")[0]!.id).toBe("b");
    idx.add("b", "Melanie bought a new guitar");
    expect(idx.search("sunrise")).toEqual([]);
    expect(idx.search("guitar")[0]!.id).toBe("b");
    expect(idx.remove("b")).toBe(true);
    expect(idx.remove("b")).toBe(false);
    expect(idx.size).toBe(3);
    expect(idx.search("guitar")).toEqual([]);
  });

  it("weights rare terms above common ones and honours limit and filter", () => {
    const idx = build();
    expect(idx.idf(tokenize("Caroline")[0]!)).toBeLessThan(idx.idf(tokenize("sunrise")[0]!));
    expect(idx.idf("unseen")).toBe(0);
    const hits = idx.search("lake painting", 1);
    expect(hits).toHaveLength(1);
    const filtered = idx.search("lake", 10, (id) => id !== "b");
    expect(filtered.map((h) => h.id)).toEqual(["c"]);
  });

  it("normalises for document length", () => {
    const idx = new Bm25Index();
    idx.add("short", "guitar lessons");
    idx.add("long", "guitar lessons and many other unrelated words about cooking dinner with friends at home");
    expect(idx.search("guitar").map((h) => h.id)).toEqual(["short", "long"]);
  });
});
