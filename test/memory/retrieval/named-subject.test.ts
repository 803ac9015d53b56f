import { describe, expect, it } from "vitest";
import { namedSubject } from "../../../src/memory/retrieval/named-subject.js";
import { UserIndex } from "../../../src/memory/index/user-index.js";
import type { MemoryRecord } from "../../../src/memory/types.js";

const NOW = "2025-03-01T00:00:00.000Z";
const record = (id: string, subject: string | null): MemoryRecord => ({
  id,
  userId: "u",
  content: `memory ${id}`,
  type: "fact",
  category: "other",
  importance: 0.5,
  createdAt: NOW,
  updatedAt: NOW,
  lastAccessedAt: null,
  accessCount: 0,
  source: {},
  subject,
});

describe("namedSubject", () => {
  const people = ["Melanie", "Caroline", "Jean-Luc Picard"];

  it("finds the one subject a query names, by first word, full name or possessive, ignoring case", () => {
    expect(namedSubject("What does Melanie do to destress?", people)).toBe("Melanie");
    expect(namedSubject("what are caroline's plans", people)).toBe("Caroline");
    expect(namedSubject("Where did Jean go?", people)).toBe("Jean-Luc Picard");
    expect(namedSubject("Where did Picard Jean Luc go?", people)).toBe("Jean-Luc Picard");
  });

  it("names nobody when the query names no subject, several, or only a part of a word", () => {
    expect(namedSubject("What do Melanie and Caroline both like?", people)).toBeUndefined();
    expect(namedSubject("What did they paint?", people)).toBeUndefined();
    expect(namedSubject("Melanies?", people)).toBeUndefined();
    expect(namedSubject("", people)).toBeUndefined();
    expect(namedSubject("Melanie", [])).toBeUndefined();
  });
});

describe("subjects in the user lexicon", () => {
  it("lists each subject while at least one memory has it, through upserts and removals", () => {
    const lexicon = new UserIndex([record("1", "Ana"), record("2", "Ana"), record("3", null)]);
    expect(lexicon.subjects()).toEqual(["Ana"]);
    lexicon.upsert(record("3", "Ben"));
    expect(lexicon.subjects().sort()).toEqual(["Ana", "Ben"]);
    lexicon.remove("1");
    lexicon.upsert(record("2", "Ben"));
    expect(lexicon.subjects()).toEqual(["Ben"]);
    lexicon.remove("3");
    lexicon.remove("2");
    expect(lexicon.subjects()).toEqual([]);
  });
});
