import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReconcileDecision } from "../../../src/memory/reconcile/reconciler-types.js";
import type { OpenStores } from "../../../src/memory/store/open-stores.js";
import { testStores } from "../../helpers/stores.js";

let stores: OpenStores;
beforeAll(async () => {
  stores = await testStores();
});
afterAll(() => stores?.close());

const fact = (content: string) => ({ content, type: "fact" as const, category: "personal", importance: 0.6 });

describe("reconcile decisions", () => {
  it("a decision that names no target, an unknown target or an unknown action changes nothing and reports why", async () => {
    const userId = "decisions-bad";
    const [home] = await stores.memory.write(userId, [fact("User lives in Porto")], {}, "2024-01-01T00:00:00.000Z");
    const before = await stores.memory.all({ userId });
    const bad: [ReconcileDecision, RegExp][] = [
      [{ action: "UPDATE" }, /UPDATE without a target memory/],
      [{ action: "DELETE", targetId: "not-shown" }, /not among the candidates/],
      [{ action: "ADD", targetId: "not-shown" }, /not among the candidates/],
      [{ action: "MERGE" as ReconcileDecision["action"], targetId: home!.id }, /unknown action MERGE/],
    ];
    for (const [decision, error] of bad) {
      stores.memory.reconciler = async () => decision;
      const [outcome] = await stores.memory.write(userId, [fact("User lives in Porto with a cat")]);
      expect(outcome).toMatchObject({ action: "NONE" });
      expect(outcome!.error).toMatch(error);
    }
    expect(await stores.memory.all({ userId })).toEqual(before);
  });

  it("UPDATE and SUPERSEDE act on the memory they name; NONE may name one", async () => {
    const userId = "decisions-good";
    const [home] = await stores.memory.write(userId, [fact("User lives in Porto")], {}, "2024-01-01T00:00:00.000Z");
    stores.memory.reconciler = async ({ existing }) => ({
      action: "UPDATE",
      targetId: existing[0]!.record.id,
      content: "User lives in Porto, near the river",
    });
    const [updated] = await stores.memory.write(userId, [fact("User lives in Porto by the river")], {}, "2024-02-01T00:00:00.000Z");
    expect(updated).toMatchObject({ action: "UPDATE", id: home!.id, content: "User lives in Porto, near the river" });
    stores.memory.reconciler = async ({ existing }) => ({ action: "NONE", targetId: existing[0]!.record.id });
    expect((await stores.memory.write(userId, [fact("User is based in Porto")]))[0]).toMatchObject({ action: "NONE", id: home!.id });
    stores.memory.reconciler = async ({ existing }) => ({ action: "SUPERSEDE", targetId: existing[0]!.record.id });
    const [moved] = await stores.memory.write(userId, [fact("User lives in Lisbon now")], {}, "2024-03-01T00:00:00.000Z");
    expect(moved).toMatchObject({ action: "SUPERSEDE", replacedId: home!.id });
    expect((await stores.memory.list(userId)).map((m) => m.content)).toEqual(["User lives in Lisbon now"]);
  });
});
