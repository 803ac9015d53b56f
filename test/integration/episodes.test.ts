import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { messageText } from "../../src/memory/token-counter.js";
import { lastReplySystemPrompt, scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const replyOnly = new ScriptedChatModel({ reply: (messages) => `Okay: ${messageText(messages.at(-1)!).slice(0, 30)}` });
let off: Memoria;
let inline: Memoria;
const extracting = scriptedMemoryModel([
  { when: "allergic", memories: [{ content: "User is allergic to peanuts", type: "fact", category: "health", importance: 0.9 }] },
]);

const turn = (app: Memoria, userId: string, tier: Tier, thread: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: `${userId}-${thread}` }, context: { userId, tier } },
  );

beforeAll(async () => {
  [off, inline] = await Promise.all([
    createMemoria({ config: testConfig(), embedder: new HashEmbeddings(), chatModel: replyOnly, extraction: "off", maxEpisodesPerUser: 4 }),
    createMemoria({ config: testConfig(), embedder: new HashEmbeddings(), chatModel: extracting, extraction: "inline" }),
  ]);
});
afterAll(async () => {
  await Promise.all([off?.close(), inline?.close()]);
});

describe("episodic memory in tier A", () => {
  it("with extraction off and a model that only answers, a new thread recalls a detail from an earlier one", async () => {
    const calls = replyOnly.log.calls.length;
    await turn(off, "ep-ana", "A", "t1", "My locker code at the gym is 4471, by the way.");
    await turn(off, "ep-ana", "A", "t2", "What is my locker code at the gym?");
    expect(lastReplySystemPrompt(replyOnly)).toMatch(/user on \d{4}-\d{2}-\d{2}:\nMy locker code at the gym is 4471/);
    expect(replyOnly.log.calls.slice(calls).every((c) => !c.tool)).toBe(true);
    expect(replyOnly.log.calls.length - calls).toBe(2);
    const episodes = await off.api.list({ userId: "ep-ana", kind: "episode" });
    expect(episodes.items.map((e) => e.kind)).toEqual(["episode", "episode"]);
    expect(episodes.items[1]!.source.threadId).toBe("ep-ana-t1");
    expect(episodes.items[1]!.source.messageIds).toHaveLength(2);
    expect((await off.api.list({ userId: "ep-ana", kind: "fact" })).total).toBe(0);
    expect((await off.api.search("locker code", { userId: "ep-ana", filters: { kind: "fact" } })).length).toBe(0);
    const hits = await off.api.search("locker code", { userId: "ep-ana", filters: { kind: "episode" } });
    expect(hits.some((h) => h.content.includes("4471"))).toBe(true);
    expect(await off.api.profile("ep-ana")).toBe("");
  });

  it("tier B works with extraction off and stores no episodes", async () => {
    await turn(off, "ep-bo", "B", "t1", "I'm training for a marathon.");
    const out = await turn(off, "ep-bo", "B", "t2", "What am I training for?");
    expect(messageText(out.messages.at(-1)!)).toMatch(/^Okay:/);
    expect((await off.api.list({ userId: "ep-bo" })).total).toBe(0);
  });

  it("keeps at most maxEpisodesPerUser episodes, dropping the oldest on write", async () => {
    for (let i = 1; i <= 6; i++) await turn(off, "ep-cap", "A", "t1", `Message number ${i} about kayaks.`);
    const kept = await off.api.list({ userId: "ep-cap", kind: "episode" });
    expect(kept.items.map((e) => e.content.match(/number (\d)/)?.[1])).toEqual(["6", "5", "4", "3"]);
    const history = await off.api.history(kept.items[0]!.id, { userId: "ep-cap" });
    expect(history.map((h) => h.action)).toEqual(["ADD"]);
  });

  it("deleteUser leaves no episode listed, searchable, exported or in Chroma; export/import keeps episodes", async () => {
    await turn(off, "ep-del", "A", "t1", "The canary word is zebrafish-9931.");
    const exported = await off.api.export("ep-del");
    expect(exported.memories.map((m) => m.kind)).toEqual(["episode"]);
    await off.api.import("ep-imp", exported);
    expect((await off.api.list({ userId: "ep-imp", kind: "episode" })).items[0]?.content).toContain("zebrafish-9931");
    await off.api.deleteUser("ep-del");
    expect((await off.api.list({ userId: "ep-del", includeHistorical: true })).total).toBe(0);
    expect(await off.api.search("zebrafish-9931 canary", { userId: "ep-del" })).toEqual([]);
    expect((await off.api.export("ep-del")).memories).toEqual([]);
    const rows = await off.stores.memory.all({ userId: "ep-del" });
    expect(rows).toEqual([]);
  });
});

describe("episodes next to extracted facts", () => {
  it("facts point at their source episode, and the prompt shows one of the two, not both", async () => {
    await turn(inline, "ep-eve", "A", "t1", "I'm allergic to peanuts, please remember.");
    const [fact] = (await inline.api.list({ userId: "ep-eve", kind: "fact" })).items;
    const [episode] = (await inline.api.list({ userId: "ep-eve", kind: "episode" })).items;
    expect(fact?.content).toBe("User is allergic to peanuts");
    expect(episode?.source.messageIds).toEqual(expect.arrayContaining(fact!.source.messageIds!));
    await turn(inline, "ep-eve", "A", "t2", "Am I allergic to anything, like peanuts?");
    const system = lastReplySystemPrompt(extracting);
    expect(system).toContain("User is allergic to peanuts");
    expect(system).not.toContain("I'm allergic to peanuts");
    expect(await inline.api.profile("ep-eve")).not.toContain("user:");
  });

  it("the memory token budget bounds the memory section", async () => {
    for (let i = 0; i < 8; i++)
      await turn(off, "ep-bud", "A", "t1", `Kayak trip ${i}: we paddled the river near the old mill and saw herons.`);
    const ask = (budget: number) =>
      off.graph.invoke(
        { messages: [{ role: "user", content: "Tell me about kayak trips on the river" }] },
        { configurable: { thread_id: `ep-bud-q${budget}` }, context: { userId: "ep-bud", tier: "A", memoryTokenBudget: budget } },
      );
    const small = await ask(60);
    const large = await ask(2_000);
    expect(small.memories.length).toBeGreaterThan(0);
    expect(large.memories.length).toBeGreaterThan(small.memories.length);
    expect((await ask(0)).memories).toEqual([]);
  });
});
