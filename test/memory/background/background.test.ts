import { describe, expect, it } from "vitest";
import type { ExtractionInput } from "../../../src/memory/extraction/extractor-types.js";
import { createMemoria } from "../../../src/graph/create-memoria.js";
import { openLedger } from "../../../src/memory/ledger/open-ledger.js";
import { HashEmbeddings } from "../../../src/providers/hash-embeddings.js";
import { testConfig } from "../../helpers/stores.js";
import { memoryModel } from "../memory-fixtures.js";

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

const model = memoryModel({ extract: () => [] });
const turn = (app: Awaited<ReturnType<typeof createMemoria>>, userId: string, text: string, now?: string) =>
  app.graph.invoke(
    { messages: [{ role: "user", content: text }] },
    { configurable: { thread_id: `${userId}-t` }, context: { userId, tier: "A", now } },
  );

describe("background extraction", () => {
  it("returns the reply before extraction runs, then extracts in order with the turn's date", async () => {
    const events: string[] = [];
    const seen: ExtractionInput[] = [];
    const release = gate();
    const app = await createMemoria({
      config: testConfig(),
      chatModel: model,
      embedder: new HashEmbeddings(),
      extraction: "background",
      factExtractor: async (input) => {
        events.push(`extract-start:${input.userMessage}`);
        await release.opened;
        seen.push(input);
        events.push(`extract-done:${input.userMessage}`);
        return [{ content: `User said ${input.userMessage}`, type: "fact", category: "other", importance: 0.5 }];
      },
      entityExtractor: async (input) => {
        events.push(`entities:${input.userMessage}`);
        return [];
      },
    });
    try {
      const result = await turn(app, "bg", "first", "2024-02-03T09:00:00.000Z");
      events.push("reply-returned");
      await turn(app, "bg", "second");
      events.push("reply-returned");
      expect(result.messages.at(-1)!.content).toContain("Noted: first");
      expect(events.filter((e) => e.startsWith("extract-done"))).toEqual([]);
      expect(await app.stores.memory.list("bg")).toEqual([]);
      release.open();
      await app.background.drain();
      expect(events.filter((e) => !e.startsWith("extract-start"))).toEqual([
        "reply-returned",
        "reply-returned",
        "extract-done:first",
        "entities:first",
        "extract-done:second",
        "entities:second",
      ]);
      expect(seen[0]!.now).toBe("2024-02-03T09:00:00.000Z");
      const stored = await app.stores.memory.list("bg");
      expect(stored.find((m) => m.content === "User said first")!.createdAt).toBe("2024-02-03T09:00:00.000Z");
      expect(await app.stores.ledger.queue.pending()).toEqual([]);
      const episodes = await app.stores.memory.all({ userId: "bg", kind: "episode" });
      expect(episodes.map((e) => e.content.split("\n")[0]).sort()).toEqual(["user: first", "user: second"]);
      const firstEpisode = episodes.find((e) => e.content.startsWith("user: first"))!;
      expect(firstEpisode.createdAt).toBe("2024-02-03T09:00:00.000Z");
      const firstFact = stored.find((m) => m.content === "User said first")!;
      expect(firstEpisode.source.messageIds).toEqual(expect.arrayContaining(firstFact.source.messageIds!));
    } finally {
      await app.close();
    }
  });

  it("close() finishes the queue mid-way, and work persisted by a dead process resumes on the next start", async () => {
    const config = testConfig();
    const release = gate();
    const slow = await createMemoria({
      config,
      chatModel: model,
      embedder: new HashEmbeddings(),
      extraction: "background",
      factExtractor: async (input) => {
        await release.opened;
        return [{ content: `User mentioned ${input.userMessage}`, type: "fact", category: "other", importance: 0.5 }];
      },
      entityExtractor: async () => [],
    });
    for (const text of ["apples", "pears", "plums"]) await turn(slow, "shut", text);
    expect((await slow.stores.ledger.queue.pending("shut")).length).toBeGreaterThan(0);
    const closing = slow.close();
    release.open();
    await closing;

    const orphan = openLedger(config.dataDir, config.collectionPrefix);
    await orphan.queue.push("shut", "extraction", {
      kind: "facts",
      input: { userId: "shut", userMessage: "cherries", now: "2024-01-01T00:00:00.000Z" },
      source: {},
    });
    orphan.close();

    const next = await createMemoria({
      config,
      chatModel: model,
      embedder: new HashEmbeddings(),
      factExtractor: async (input) => [
        { content: `User mentioned ${input.userMessage}`, type: "fact", category: "other", importance: 0.5 },
      ],
    });
    try {
      await next.background.drain();
      const contents = (await next.stores.memory.list("shut")).map((m) => m.content).sort();
      expect(contents).toEqual(["User mentioned apples", "User mentioned cherries", "User mentioned pears", "User mentioned plums"]);
      expect(await next.stores.ledger.queue.pending()).toEqual([]);
    } finally {
      await next.close();
    }
  });
});
