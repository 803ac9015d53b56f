import { describe, expect, it } from "vitest";
import { focusQuery, userNameWords } from "../../../src/memory/retrieval/query-focus.js";

describe("focusQuery", () => {
  it("drops the user's own name from both channels and function words from the vector query", () => {
    expect(focusQuery("Where does Alice live?", "alice")).toEqual({ lexical: "Where does live", vector: "live" });
    expect(focusQuery("What is Alice's diet", "alice")).toEqual({ lexical: "What is diet", vector: "diet" });
  });

  it("keeps the query for BM25 when nothing is dropped, and whenever only stopwords would be left", () => {
    expect(focusQuery("what does she eat?", "alice")).toEqual({ lexical: "what does she eat?", vector: "eat" });
    expect(focusQuery("who is alice", "alice")).toEqual({ lexical: "who is alice", vector: "who is alice" });
    expect(focusQuery("when is it", "alice").vector).toBe("when is it");
  });

  it("keeps 'when' in the vector query, since it points at dated memories", () => {
    expect(focusQuery("When did Alice go to the support group?", "alice").vector).toBe("When go support group");
  });

  it("takes name words only from the letters of the user id", () => {
    expect([...userNameWords("locomo-conv-26")]).toEqual(["locomo", "conv"]);
    expect([...userNameWords("u-42")]).toEqual([]);
    expect(focusQuery("what happened on 26 May", "locomo-conv-26").vector).toBe("happened 26 May");
  });
});
