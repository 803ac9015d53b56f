import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { openSqlite } from "../../src/memory/ledger/sqlite.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

let app: Memoria;

beforeAll(async () => {
  app = await createMemoria({
    config: testConfig(),
    embedder: new HashEmbeddings(),
    chatModel: scriptedMemoryModel([]),
    extraction: "background",
  });
});
afterAll(() => app?.close());

const turn = (userId: string, thread: string, text: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: thread }, context: { userId, tier: "A" } },
  );

describe("episodes are idempotent across a crash", () => {
  it("an episode job replayed after its write (its completion lost, as a SIGKILL loses it) leaves one episode and one ADD", async () => {
    const db = openSqlite(app.stores.ledger.path!);
    db.exec(`CREATE TABLE crash_once (armed INTEGER NOT NULL); INSERT INTO crash_once VALUES (1);
      CREATE TRIGGER lose_episode_completion BEFORE DELETE ON work_queue
      WHEN old.payload LIKE '%"kind":"episode"%' AND (SELECT armed FROM crash_once) = 1
      BEGIN UPDATE crash_once SET armed = 0; SELECT RAISE(IGNORE); END;`);
    await turn("replay-ana", "replay-t1", "My locker code at the gym is 4471.");
    await turn("replay-ana", "replay-t1", "And my bike lock code is 9902.");
    await app.background.drain();
    expect((db.prepare("SELECT armed FROM crash_once").get() as { armed: number }).armed).toBe(0);
    db.close();

    const episodes = (await app.api.list({ userId: "replay-ana", kind: "episode" })).items;
    expect(episodes.map((e) => e.content.split("\n")[0]).sort()).toEqual([
      "user: And my bike lock code is 9902.",
      "user: My locker code at the gym is 4471.",
    ]);
    for (const e of episodes) expect((await app.api.history(e.id, { userId: "replay-ana" })).map((h) => h.action)).toEqual(["ADD"]);
    expect(await app.stores.ledger.queue.pending("replay-ana")).toEqual([]);
  });
});
