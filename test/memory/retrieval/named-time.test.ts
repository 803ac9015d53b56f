import { describe, expect, it } from "vitest";
import { namedTimes, withinNamedTime } from "../../../src/memory/retrieval/named-time.js";

const plain = (q: string) => namedTimes(q).map(({ text: _text, ...t }) => t);

describe("namedTimes: the days and months a query names", () => {
  it("reads days with and without a year, in either order, and ISO dates", () => {
    expect(plain("What painting did Melanie show on October 13, 2023?")).toEqual([{ month: 10, day: 13, year: 2023 }]);
    expect(plain("What did Gina find on 1 February, 2023?")).toEqual([{ month: 2, day: 1, year: 2023 }]);
    expect(plain("the 3rd of March")).toEqual([{ month: 3, day: 3 }]);
    expect(plain("Mar 5th and 2023-05-08")).toEqual([
      { month: 5, day: 8, year: 2023 },
      { month: 3, day: 5 },
    ]);
  });

  it("reads months, with a year or after a preposition, and keeps the words that named them", () => {
    expect(plain("What setback did she face in October 2023?")).toEqual([{ month: 10, year: 2023 }]);
    expect(namedTimes("When did Melanie go camping in June?")).toEqual([{ text: "in June", month: 6 }]);
    expect(plain("what did I cook in may")).toEqual([{ month: 5 }]);
  });

  it("names nothing for a bare year or the verb 'may', and only the month beside an impossible day", () => {
    expect(namedTimes("How many times did she go in 2023?")).toEqual([]);
    expect(namedTimes("What may I eat?")).toEqual([]);
    expect(plain("on February 45")).toEqual([{ month: 2 }]);
  });
});

describe("withinNamedTime", () => {
  const day = { text: "13 October 2023", month: 10, day: 13, year: 2023 };
  const month = { text: "in June", month: 6 };

  it("holds a day, or up to the given days after it", () => {
    expect(withinNamedTime("2023-10-13T10:31:00.000Z", day, 0)).toBe(true);
    expect(withinNamedTime("2023-10-14T00:00:00.000Z", day, 0)).toBe(false);
    expect(withinNamedTime("2023-10-19T00:00:00.000Z", day, 7)).toBe(true);
    expect(withinNamedTime("2023-10-12T23:59:00.000Z", day, 7)).toBe(false);
  });

  it("holds a month of any year when no year is named, and rejects what is not a date", () => {
    expect(withinNamedTime("2021-06-30T12:00:00.000Z", month, 0)).toBe(true);
    expect(withinNamedTime("2021-07-05T12:00:00.000Z", month, 7)).toBe(true);
    expect(withinNamedTime("2021-07-09T12:00:00.000Z", month, 7)).toBe(false);
    expect(withinNamedTime("not a date", month, 7)).toBe(false);
  });
});
