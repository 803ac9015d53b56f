import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import { messageText } from "../../src/memory/token-counter.js";
import { lastReplyMessages, lastReplySystemPrompt, scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([
  {
    when: "vegetarian",
    memories: [{ content: "User is vegetarian and avoids fish", type: "preference", category: "food", importance: 0.9 }],
  },
  {
    when: "Maya",
    entities: [{ name: "Maya", kind: "person", attributes: { relation: "sister", job: "nurse" } }],
  },
]);

let app: Memoria;
const turn = (tier: Tier, thread: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: `${tier}-${thread}` }, context: { userId: `user-${tier}`, tier } },
  );

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model });
});
afterAll(() => app?.close());

describe("five tiers over real Chroma and a SQLite checkpointer", () => {
  const session1 = ["Hi! I'm vegetarian, so no fish for me either.", "My sister Maya is a nurse."];
  const probe = "Can you suggest a vegetarian dinner I could cook for my sister Maya?";

  for (const tier of ["A", "B", "C", "F"] as const) {
    it(`tier ${tier}: thread 1 states a preference, thread 2 asks`, async () => {
      for (const text of session1) await turn(tier, "t1", text);
      const inThread1 = await turn(tier, "t1", "What do I eat?");
      expect(inThread1.messages.length).toBe(tier === "F" ? 2 : 6);
      await turn(tier, "t2", probe);
      const system = lastReplySystemPrompt(model);
      const sent = lastReplyMessages(model).map(messageText).join("\n");
      if (tier === "A") {
        expect(system).toContain("User is vegetarian and avoids fish");
        expect(system).toContain("Maya (person): relation: sister; job: nurse");
      }
      if (tier === "B") {
        expect(system).toContain("Maya (person): relation: sister; job: nurse");
        expect(system).not.toContain("avoids fish");
      }
      if (tier === "C" || tier === "F") {
        expect(system).not.toContain("avoids fish");
        expect(system).not.toContain("nurse");
        expect(sent).not.toContain("no fish for me");
      }
      if (tier === "F") expect(lastReplyMessages(model)).toHaveLength(2);
    });
  }

  it("tier C keeps history within a thread; tier F does not", async () => {
    await turn("C", "t3", "I'm vegetarian, remember that.");
    await turn("C", "t3", "What did I just tell you?");
    expect(lastReplyMessages(model).map(messageText).join("\n")).toContain("I'm vegetarian, remember that.");
    await turn("F", "t3", "I'm vegetarian, remember that.");
    await turn("F", "t3", "What did I just tell you?");
    expect(lastReplyMessages(model).map(messageText).join("\n")).not.toContain("remember that");
  });

  it("tier D puts the static profile in the system prompt and nothing learned", async () => {
    await app.graph.invoke(
      { messages: [{ role: "user", content: "What do you know about me?" }] },
      { configurable: { thread_id: "d-1" }, context: { userId: "user-A", tier: "D", profile: "Name: Sam\nCity: Lisbon" } },
    );
    const system = lastReplySystemPrompt(model);
    expect(system).toContain("<user_profile>\nName: Sam\nCity: Lisbon\n</user_profile>");
    expect(system).not.toContain("vegetarian");
  });
});
