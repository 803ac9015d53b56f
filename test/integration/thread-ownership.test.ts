import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ThreadOwnershipError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { messageText } from "../../src/memory/token-counter.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([]);
let app: Memoria;
const run = (userId: string, threadId: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: threadId }, context: { userId, tier: "C" } },
  );

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings() });
});
afterAll(() => app?.close());

describe("a thread belongs to the first user that runs on it", () => {
  it("another user gets ThreadOwnershipError before anything is read or written, and deleteUser leaves the owner's thread alone", async () => {
    await run("alice", "t-owned", "My bank PIN is 4711");
    const calls = model.log.calls.length;
    const before = await app.graph.getState({ configurable: { thread_id: "t-owned" } });

    await expect(run("bob", "t-owned", "What did I say?")).rejects.toBeInstanceOf(ThreadOwnershipError);
    const stream = app.graph.stream(
      { messages: [{ role: "user", content: "and now?" }] },
      { configurable: { thread_id: "t-owned" }, context: { userId: "bob", tier: "C" } },
    );
    await expect(stream).rejects.toThrow(/belongs to another user/);
    expect(model.log.calls.length).toBe(calls);
    const after = await app.graph.getState({ configurable: { thread_id: "t-owned" } });
    expect(after.values.messages.map(messageText)).toEqual(before.values.messages.map(messageText));

    expect(await app.api.deleteUser("bob")).toMatchObject({ threads: 0 });
    expect((await app.graph.getState({ configurable: { thread_id: "t-owned" } })).values.messages).toHaveLength(2);
    await run("alice", "t-owned", "Still mine?");
    expect(await app.stores.ledger.threads.threadsOf("alice")).toEqual(["t-owned"]);
  });

  it("after the owner is deleted, the thread id is gone with them and free for a new owner", async () => {
    await run("carol", "t-reused", "Carol's secret");
    await app.api.deleteUser("carol");
    const result = await run("dave", "t-reused", "Dave here");
    expect(result.messages.map(messageText).join()).not.toContain("Carol's secret");
    expect(await app.stores.ledger.threads.ownerOf("t-reused")).toBe("dave");
  });
});
