import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { openStores } from "../../../src/memory/store/open-stores.js";
import type { ScoredMemory } from "../../../src/memory/types.js";
import { testConfig } from "../../helpers/stores.js";
import { gloveEmbedder } from "../memory-fixtures.js";

const NOW = "2025-03-01T00:00:00.000Z";
const TARGET = "Zbyszko, my old climbing partner from Gdansk, recommended tide tables.";
const DATED = "The dentist appointment is on 14 March 2025.";
const DISTRACTORS = [
  "My sister suggested a great novel to read.",
  "A colleague advised me to read a book about leadership.",
  "My friend suggested a good book for the holidays.",
  "The librarian suggested a novel about the sea.",
  "My neighbour advised a new book by her favourite author.",
  "My teacher suggested reading more books this year.",
  "A friend at work suggested a podcast about books.",
  "My brother suggested a thriller novel he really liked.",
  "The doctor appointment is on 2 April 2025.",
  "The car service appointment is on 21 May 2025.",
  "The haircut appointment is next week.",
  "The dentist said to floss every day.",
];

const rankOf = (results: ScoredMemory[], content: string) => results.findIndex((m) => m.content === content);

describe("hybrid long-term memory search (real Chroma, local GloVe embedder)", () => {
  let hybrid: OpenStores;
  let vectorOnly: OpenStores;
  const userId = "rare-words";

  beforeAll(async () => {
    const embedder = gloveEmbedder();
    const config = testConfig();
    const open = (lexical: boolean, suffix: string) =>
      openStores({
        chromaUrl: config.chromaUrl,
        dataDir: config.dataDir,
        collectionPrefix: `${config.collectionPrefix}${suffix}`,
        embedder,
        search: { lexical },
      });
    [hybrid, vectorOnly] = await Promise.all([open(true, "h"), open(false, "v")]);
    for (const stores of [hybrid, vectorOnly]) {
      for (const content of [TARGET, DATED, ...DISTRACTORS]) {
        await stores.memory.insert(userId, { content, type: "fact", category: "other", importance: 0.5 }, {}, NOW);
      }
    }
  });

  afterAll(async () => {
    await Promise.all([hybrid?.close(), vectorOnly?.close()]);
  });

  it("finds a memory by a rare name that the vectors alone rank low", async () => {
    const query = "What did Zbyszko suggest?";
    const vector = await vectorOnly.memory.search(query, { userId, limit: 14, now: NOW });
    const fused = await hybrid.memory.search(query, { userId, limit: 14, now: NOW });
    expect(rankOf(vector, TARGET)).toBeGreaterThan(0);
    expect(rankOf(fused, TARGET)).toBe(0);
    expect(fused[0]!.channels?.bm25?.matched).toContain("zbyszko");
    expect(fused[0]!.why).toMatch(/bm25 #1 \(zbyszko/);
    expect(fused[0]!.similarity).toBeCloseTo(vector[rankOf(vector, TARGET)]!.similarity, 5);
  });

  it("finds a memory by a date that the vectors alone rank low", async () => {
    const query = "What is happening on 14 March?";
    const vector = await vectorOnly.memory.search(query, { userId, limit: 14, now: NOW });
    const fused = await hybrid.memory.search(query, { userId, limit: 14, now: NOW });
    expect(rankOf(fused, DATED)).toBe(0);
    expect(rankOf(vector, DATED)).toBeGreaterThan(rankOf(fused, DATED));
  });

  it("keeps a strong lexical hit under a vector minScore it does not reach, and drops weak ones", async () => {
    const query = "Zbyszko";
    const strict = await hybrid.memory.search(query, { userId, limit: 5, minScore: 0.99, now: NOW });
    expect(strict.map((m) => m.content)).toEqual([TARGET]);
    expect(strict[0]!.similarity).toBeLessThan(0.99);
    expect(await vectorOnly.memory.search(query, { userId, limit: 5, minScore: 0.99, now: NOW })).toEqual([]);
    const weak = await hybrid.memory.search("dentist floss brushing teeth nightly routine", {
      userId,
      limit: 14,
      minScore: 0.99,
      now: NOW,
    });
    expect(weak).toEqual([]);
  });

  it("applies type and date filters to the lexical channel too", async () => {
    await hybrid.memory.insert(
      userId,
      { content: "Zbyszko prefers tea over coffee.", type: "preference", category: "food", importance: 0.5 },
      {},
      NOW,
    );
    const prefs = await hybrid.memory.search("Zbyszko", { userId, type: "preference", now: NOW });
    expect(prefs.map((m) => m.content)).toEqual(["Zbyszko prefers tea over coffee."]);
    const dated = await hybrid.memory.search("Zbyszko", { userId, eventFrom: "2025-01-01T00:00:00.000Z", now: NOW });
    expect(dated).toEqual([]);
  });
});

describe("subjects: what a named person said comes first (real Chroma, local GloVe embedder)", () => {
  let boosted: OpenStores;
  let plain: OpenStores;
  const userId = "two-speakers";
  const ANA = "I like to cook, and I love cooking new dishes for friends.";
  const BEN = "I sometimes cook rice.";

  beforeAll(async () => {
    const config = testConfig();
    let next = 0;
    const open = (subjectBoost: number, suffix: string) =>
      openStores({
        chromaUrl: config.chromaUrl,
        dataDir: config.dataDir,
        collectionPrefix: `${config.collectionPrefix}${suffix}`,
        embedder: gloveEmbedder(),
        search: { subjectBoost },
        newId: () => `${suffix}-${next++}`,
      });
    [boosted, plain] = await Promise.all([open(1.5, "sb"), open(1, "sp")]);
    for (const stores of [boosted, plain]) {
      await stores.memory.insert(userId, { content: ANA, type: "fact", category: "food", importance: 0.5, subject: "Ana" }, {}, NOW);
      await stores.memory.insert(userId, { content: BEN, type: "fact", category: "food", importance: 0.5, subject: "Ben" }, {}, NOW);
      await stores.memory.insert(userId, { content: "The weather was cold.", type: "fact", category: "other", importance: 0.5 }, {}, NOW);
    }
  });

  afterAll(async () => {
    await Promise.all([boosted?.close(), plain?.close()]);
  });

  it("ranks the named subject's memory first, says why, and leaves queries naming nobody alone", async () => {
    const query = "What does Ben like to cook?";
    const without = await plain.memory.search(query, { userId, limit: 3, now: NOW });
    expect(without[0]!.content).toBe(ANA);
    const withBoost = await boosted.memory.search(query, { userId, limit: 3, now: NOW });
    expect(withBoost[0]).toMatchObject({ content: BEN, subject: "Ben", channels: { subject: { name: "Ben", boost: 1.5 } } });
    expect(withBoost[0]!.why).toContain("subject Ben named");
    const nobody = await boosted.memory.search("What does everyone like to cook?", { userId, limit: 3, now: NOW });
    expect(nobody.map((m) => m.content)).toEqual(
      (await plain.memory.search("What does everyone like to cook?", { userId, limit: 3, now: NOW })).map((m) => m.content),
    );
    expect(nobody.every((m) => !m.channels?.subject)).toBe(true);
  });

  it("names new memories with the injected id generator", async () => {
    const ids = (await plain.memory.all({ userId })).map((m) => m.id).sort();
    expect(ids).toHaveLength(3);
    expect(ids.every((id) => /^sp-\d+$/.test(id))).toBe(true);
  });

  it("filters by subject in both channels", async () => {
    const hits = await boosted.memory.search("cook", { userId, subject: "Ana", now: NOW });
    expect(hits.map((m) => m.content)).toEqual([ANA]);
    const listed = await boosted.memory.all({ userId, subject: "Ben" });
    expect(listed.map((m) => m.content)).toEqual([BEN]);
  });
});

describe("named times: memories dated in the day or month a query names come first (real Chroma, local GloVe embedder)", () => {
  let timed: OpenStores;
  let plain: OpenStores;
  const userId = "dated-hikes";
  const HIKES: Array<[string, string]> = [
    ["We hiked up the ridge trail and saw a fox.", "2024-03-02T10:00:00.000Z"],
    ["We hiked along the river trail in the rain.", "2024-05-11T10:00:00.000Z"],
    ["We hiked the coastal trail with the kids.", "2024-08-20T10:00:00.000Z"],
  ];

  beforeAll(async () => {
    const config = testConfig();
    // The same ids in both stores, so that ties break alike and only the time boost tells them apart.
    const open = (timeBoost: number, suffix: string) => {
      let next = 0;
      return openStores({
        chromaUrl: config.chromaUrl,
        dataDir: config.dataDir,
        collectionPrefix: `${config.collectionPrefix}${suffix}`,
        embedder: gloveEmbedder(),
        search: { timeBoost },
        newId: () => `hike-${next++}`,
      });
    };
    [timed, plain] = await Promise.all([open(4, "tb"), open(1, "tp")]);
    for (const stores of [timed, plain])
      for (const [content, eventDate] of HIKES)
        await stores.memory.insert(userId, { content, type: "fact", category: "other", importance: 0.5, eventDate }, {}, NOW);
  });

  afterAll(async () => {
    await Promise.all([timed?.close(), plain?.close()]);
  });

  it("ranks the hike of the named month or day first, says why, and leaves undated queries alone", async () => {
    const may = await timed.memory.search("Where did we hike in May?", { userId, limit: 3, now: NOW });
    expect(may[0]).toMatchObject({ content: HIKES[1]![0], channels: { time: { named: "in May", boost: 4 } } });
    expect(may[0]!.why).toContain('dated in "in May" ×4');
    const day = await timed.memory.search("Which trail did we hike on 2 March 2024?", { userId, limit: 3, now: NOW });
    expect(day[0]!.content).toBe(HIKES[0]![0]);
    for (const query of ["Where did we hike in May?", "Which trail did we hike on 2 March 2024?"]) {
      const unboosted = await plain.memory.search(query, { userId, limit: 3, now: NOW });
      expect(unboosted[0]!.content).toBe(HIKES[2]![0]);
    }
    const undated = await timed.memory.search("Which trail did we hike?", { userId, limit: 3, now: NOW });
    const unboosted = await plain.memory.search("Which trail did we hike?", { userId, limit: 3, now: NOW });
    expect(undated.map((m) => [m.content, m.score])).toEqual(unboosted.map((m) => [m.content, m.score]));
    expect(undated.every((m) => !m.channels?.time)).toBe(true);
  });
});
