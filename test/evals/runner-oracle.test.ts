import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../evals/dataset/schema.js";
import { compactStatement, createExtractiveSummarizer } from "../../evals/oracle/extractive-summarizer.js";
import { createOracleEntityExtractor, createOracleFactExtractor, OracleAnnotations } from "../../evals/oracle/oracle-extractors.js";
import { countTokens } from "../../src/memory/token-counter.js";

const scenario: Scenario = {
  id: "sam",
  title: "Sam moves",
  domains: [],
  profile: { name: "Sam", city: "Leeds" },
  sessions: [
    {
      id: "s1",
      date: "2024-01-01",
      turns: [
        {
          id: "s1-t1",
          user: "I live in Leeds with my dog Rex.",
          assistant: "Nice!",
          facts: [{ id: "f1", content: "Sam lives in Leeds", type: "fact", category: "personal", importance: 0.8 }],
          entities: [{ name: "Rex", kind: "pet", attributes: { species: "dog" } }],
        },
      ],
    },
    {
      id: "s2",
      date: "2024-02-01",
      turns: [
        {
          id: "s2-t1",
          user: "We moved to York last week.",
          facts: [
            {
              id: "f2",
              content: "Sam lives in York",
              type: "fact",
              category: "personal",
              importance: 0.9,
              eventDate: "2024-01-25",
              supersedes: "f1",
            },
          ],
          entities: [],
        },
      ],
    },
  ],
  probes: [],
};

const input = (userMessage: string) => ({ userId: "u", userMessage, now: "2024-02-01T09:00:00Z" });

describe("oracle extraction", () => {
  const oracle = new OracleAnnotations();
  oracle.use(scenario);

  it("returns the gold facts of the turn whose text matches, whitespace-insensitively", async () => {
    const facts = await createOracleFactExtractor(oracle)(input("  I live in Leeds   with my dog Rex. "));
    expect(facts).toEqual([{ content: "Sam lives in Leeds", type: "fact", category: "personal", importance: 0.8, eventDate: null }]);
  });

  it("passes the superseded fact's text as a hint and keeps the event date", async () => {
    const [fact] = await createOracleFactExtractor(oracle)(input("We moved to York last week."));
    expect(fact).toMatchObject({ content: "Sam lives in York", eventDate: "2024-01-25", supersedes: "Sam lives in Leeds" });
  });

  it("returns the gold entities as updates, and nothing for text that is not a turn (a probe question)", async () => {
    const entities = createOracleEntityExtractor(oracle);
    expect(await entities(input("I live in Leeds with my dog Rex."))).toEqual([
      { name: "Rex", kind: "pet", attributes: { species: "dog" } },
    ]);
    expect(await entities(input("Where do I live?"))).toEqual([]);
    expect(await createOracleFactExtractor(oracle)(input("Where do I live?"))).toEqual([]);
  });

  it("only matches turns of the scenario in use", async () => {
    const other = new OracleAnnotations();
    other.use({ ...scenario, id: "other", sessions: [{ id: "s1", date: "2024-01-01", turns: [] }] });
    expect(await createOracleFactExtractor(other)(input("I live in Leeds with my dog Rex."))).toEqual([]);
  });
});

describe("extractive summarizer", () => {
  it("keeps each user statement on one compact line after the previous summary, and drops assistant text", async () => {
    const summarize = createExtractiveSummarizer({ wordsPerMessage: 5 });
    const summary = await summarize({
      previousSummary: "- User said: I am Sam.",
      messages: [new HumanMessage("I live in Leeds with my dog Rex and two cats."), new AIMessage("How lovely, tell me more!")],
    });
    expect(summary).toBe("- User said: I am Sam.\n- User said: I live in Leeds with…");
  });

  it("is deterministic and stays within its token budget by dropping the oldest lines", async () => {
    const summarize = createExtractiveSummarizer({ maxTokens: 40 });
    const messages = Array.from({ length: 20 }, (_, i) => new HumanMessage(`Statement number ${i} about my garden and tomatoes.`));
    const a = await summarize({ previousSummary: "", messages });
    expect(a).toBe(await summarize({ previousSummary: "", messages }));
    expect(countTokens(a)).toBeLessThanOrEqual(40);
    expect(a).toContain("Statement number 19");
    expect(a).not.toContain("Statement number 0 ");
  });

  it("compacts whitespace and truncates long statements", () => {
    expect(compactStatement("a  b\n c", 5)).toBe("a b c");
    expect(compactStatement("one two three", 2)).toBe("one two…");
  });
});
