import { describe, expect, it } from "vitest";
import { RecordChangeFeed } from "../../../src/memory/records/change-feed.js";
import type { MemoryRecord } from "../../../src/memory/types.js";

const record = { id: "m1", userId: "u1", content: "likes tea" } as MemoryRecord;

describe("RecordChangeFeed", () => {
  it("publishes to every subscriber until it unsubscribes, and waits for each one before a user's deletion", async () => {
    const feed = new RecordChangeFeed();
    const heard: string[] = [];
    const stop = feed.subscribe({
      upserted: (records, vectors) => heard.push(`a upserted ${records[0]!.id} ${vectors?.length ?? 0}`),
      removed: (ids) => heard.push(`a removed ${ids.join()}`),
      deleting: async (userId) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        heard.push(`a deleting ${userId}`);
        return () => heard.push(`a deleted ${userId}`);
      },
    });
    feed.subscribe({ invalidated: (userId) => heard.push(`b invalidated ${userId}`) });

    feed.upserted([record], [[1, 0]]);
    feed.removed(["m1"]);
    const done = await feed.deleting("u1");
    heard.push("rows deleted");
    feed.invalidated("u1");
    done();
    stop();
    feed.upserted([record]);

    expect(heard).toEqual(["a upserted m1 1", "a removed m1", "a deleting u1", "rows deleted", "b invalidated u1", "a deleted u1"]);
  });
});
