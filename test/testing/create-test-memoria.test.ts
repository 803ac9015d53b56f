import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Memoria } from "../../src/graph/create-memoria.js";
import { createTestMemoria } from "../../src/testing.js";

let memoria: Memoria;
const userId = "tester";

const turn = (thread: string, text: string) =>
  memoria.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: thread }, context: { userId, tier: "A" } },
  );

const facts = async () => (await memoria.api.list({ userId, kind: "fact" })).items.map((m) => m.content).sort();

beforeAll(async () => {
  memoria = await createTestMemoria({
    rules: [
      { when: "vegetarian", memories: [{ content: "User is vegetarian", type: "preference", category: "food", importance: 0.9 }] },
      {
        when: "fish",
        memories: [{ content: "User is vegetarian and avoids fish", type: "preference", category: "food", importance: 0.9 }],
      },
      { when: "Maya", memories: [{ content: "User's sister Maya is a nurse", type: "fact", category: "relationships", importance: 0.7 }] },
    ],
  });
});
afterAll(() => memoria?.close());

describe("memoria/testing: createTestMemoria with the scripted memory model", () => {
  it("keeps every fact its rules extract, turn after turn, and does not duplicate a repeated one", async () => {
    await turn("t1", "No fish for me.");
    await turn("t1", "My sister Maya is a nurse.");
    const both = ["User is vegetarian and avoids fish", "User's sister Maya is a nurse"];
    expect(await facts()).toEqual(both);

    await turn("t2", "As I said, I'm vegetarian, and Maya still works nights.");
    await turn("t2", "Did I mention my sister Maya is a nurse?");
    expect(await facts()).toEqual(both);
    const history = await Promise.all(
      (await memoria.api.list({ userId, kind: "fact" })).items.map((m) => memoria.api.history(m.id, { userId })),
    );
    expect(history.map((events) => events.map((e) => e.action))).toEqual([["ADD"], ["ADD"]]);
  });
});
