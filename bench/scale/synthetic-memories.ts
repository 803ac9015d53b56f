import type { AddManyItem } from "../../src/memory/api/memory-api-types.js";
import { ACTIVITIES, FEELINGS, FIRST_NAMES, FOODS, MONTHS, PLACES, RELATIONS, SURNAMES, WEEKDAYS } from "./vocabulary.js";

/** A seeded PRNG (mulberry32): the same seed gives the same memories on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks list items with Zipf-like frequencies (rank r drawn with weight 1 / r^s), as words are in real text. */
class ZipfPicker<T> {
  private readonly cumulative: number[] = [];

  constructor(
    private readonly items: readonly T[],
    exponent = 1,
  ) {
    let sum = 0;
    for (let r = 1; r <= items.length; r++) this.cumulative.push((sum += 1 / r ** exponent));
  }

  pick(random: () => number): T {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

/** What one synthetic memory is about, kept to build questions that hit it. */
export interface SyntheticFact {
  text: string;
  name: string;
  activity?: { past: string; base: string };
  place?: string;
  food?: string;
}

const names = new ZipfPicker(FIRST_NAMES, 0.9);
const surnames = new ZipfPicker(SURNAMES);
const places = new ZipfPicker(PLACES);
const activities = new ZipfPicker(ACTIVITIES, 0.9);
const foods = new ZipfPicker(FOODS);
const relations = new ZipfPicker(RELATIONS);
const feelings = new ZipfPicker(FEELINGS);

type Parts = Required<Omit<SyntheticFact, "text">> & Record<"relation" | "feeling" | "month" | "weekday" | "other", string>;
type Template = { text: (p: Parts, n: number) => string; uses: Array<"activity" | "place" | "food"> };

const TEMPLATES: Template[] = [
  { text: (p) => `${p.name} ${p.activity.past} in ${p.place} last ${p.weekday}.`, uses: ["activity", "place"] },
  { text: (p, n) => `On ${(n % 28) + 1} ${p.month}, ${p.name} ${p.activity.past} with my ${p.relation}.`, uses: ["activity"] },
  { text: (p) => `My ${p.relation} ${p.name} loves ${p.food} and lives in ${p.place}.`, uses: ["food", "place"] },
  { text: (p) => `I felt ${p.feeling} when ${p.name} ${p.activity.past}.`, uses: ["activity"] },
  { text: (p) => `${p.name} said the ${p.food} in ${p.place} was the best she ever had.`, uses: ["food", "place"] },
  {
    text: (p, n) => `We ${p.activity.past} together in ${p.place}, ${p.name} and I, and about ${n % 60} people came.`,
    uses: ["activity", "place"],
  },
  { text: (p) => `${p.name} wants to ${p.activity.base} in ${p.place} next ${p.month}.`, uses: ["activity", "place"] },
  { text: (p) => `Remember that ${p.name} is allergic to ${p.food}.`, uses: ["food"] },
  { text: (p, n) => `${p.name} paid ${n % 300} dollars for ${p.food} in ${p.place}.`, uses: ["food", "place"] },
  {
    text: (p) => `After ${p.name} ${p.activity.past}, we had ${p.food} at a small cafe in ${p.place}.`,
    uses: ["activity", "food", "place"],
  },
  { text: (p, n) => `${p.name}'s new phone number ends in ${String(n % 10_000).padStart(4, "0")}.`, uses: [] },
  { text: (p) => `Next ${p.weekday} I will ${p.activity.base} with ${p.name}.`, uses: ["activity"] },
  { text: (p, n) => `It took ${p.name} ${(n % 11) + 2} weeks to ${p.activity.base}, and my ${p.relation} helped.`, uses: ["activity"] },
  { text: (p, n) => `${p.name} moved from ${p.other} to ${p.place} in ${2001 + (n % 23)}.`, uses: ["place"] },
  { text: (p) => `${p.name} cooked ${p.food} for the whole family on ${p.weekday} and felt ${p.feeling}.`, uses: ["food"] },
  {
    text: (p, n) =>
      `${p.name} is ${(n % 70) + 12} years old and works near ${p.place} as a ${p.relation === "teacher" ? "nurse" : "teacher"}.`,
    uses: ["place"],
  },
];

/** A stream of varied synthetic memories: tens of thousands of names, 121 places, 82 activities, sixteen sentence shapes. */
export class SyntheticMemories {
  private readonly random: () => number;
  private count = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** The next memory and what it is about. */
  next(): SyntheticFact {
    const r = this.random;
    const first = names.pick(r);
    const parts: Parts = {
      name: r() < 0.3 ? `${first} ${surnames.pick(r)}` : first,
      activity: activities.pick(r),
      place: places.pick(r),
      food: foods.pick(r),
      relation: relations.pick(r),
      feeling: feelings.pick(r),
      month: MONTHS[Math.floor(r() * 12)]!,
      weekday: WEEKDAYS[Math.floor(r() * 7)]!,
      other: places.pick(r),
    };
    const template = TEMPLATES[Math.floor(r() * TEMPLATES.length)]!;
    const n = Math.floor(r() * 1_000_000) + this.count++;
    const fact: SyntheticFact = { text: template.text(parts, n), name: first };
    for (const key of template.uses) Object.assign(fact, { [key]: parts[key] });
    return fact;
  }

  /** A question about a stored memory, naming its person and what it is about. */
  question(fact: SyntheticFact): string {
    const r = this.random();
    if (fact.activity && r < 0.4) return `When did ${fact.name} ${fact.activity.base}?`;
    if (fact.place && r < 0.7) return `What did ${fact.name} do in ${fact.place}?`;
    if (fact.food) return `Does ${fact.name} like ${fact.food}?`;
    if (fact.activity) return `Who wanted to ${fact.activity.base} with ${fact.name}?`;
    return `What do I know about ${fact.name}?`;
  }
}

/** Memories as addMany items: sessions of 25 on one thread each, dated a day apart. */
export function asItems(facts: SyntheticFact[], firstIndex: number): AddManyItem[] {
  return facts.map((fact, i) => {
    const session = Math.floor((firstIndex + i) / 25);
    const eventDate = new Date(Date.UTC(2020, 0, 1) + (session % 2000) * 86_400_000).toISOString();
    return { text: fact.text, metadata: { type: "fact", category: "other", threadId: `session-${session}`, eventDate } };
  });
}
