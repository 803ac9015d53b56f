import type { BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { fallbackReconciler } from "../../src/memory/reconcile/fallback-reconciler.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { scriptedExtraction } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

/** A scripted model whose replies wait until the test releases them. */
class HeldModel extends ScriptedChatModel {
  private held: { entered: () => void; release: Promise<void> } | undefined;

  /** Holds the next reply; resolves `entered` once the model is called, and answers when `release` is called. */
  hold(): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((r) => (entered = r));
    this.held = { entered, release: new Promise<void>((r) => (release = r)) };
    return { entered: enteredP, release };
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const held = this.held;
    this.held = undefined;
    if (held) {
      held.entered();
      await held.release;
    }
    return super._generate(messages);
  }
}

const rules = [
  {
    when: "Lisbon",
    memories: [{ content: "User lives in Lisbon", type: "fact" as const, category: "personal", importance: 0.8 }],
    entities: [{ name: "Ines", kind: "person", attributes: { city: "Lisbon" } }],
  },
];
const model = new HeldModel({ reply: () => "Noted.", structured: scriptedExtraction(rules) });
let app: Memoria;

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: model, embedder: new HashEmbeddings(), reconciler: fallbackReconciler });
});
afterAll(() => app?.close());

const turn = (userId: string, threadId: string, tier: "A" | "C", text: string) =>
  app.graph.invoke({ messages: [{ role: "user", content: text }] }, { configurable: { thread_id: threadId }, context: { userId, tier } });

async function footprint(userId: string, threadId: string) {
  const state = await app.graph.getState({ configurable: { thread_id: threadId } });
  return {
    memories: (await app.api.list({ userId, includeHistorical: true })).total,
    entities: (await app.api.entities(userId)).length,
    threads: (await app.stores.ledger.threads.threadsOf(userId)).length,
    messages: (state.values.messages as unknown[] | undefined)?.length ?? 0,
    queued: (await app.stores.ledger.queue.pending(userId)).length,
  };
}

const nothing = { memories: 0, entities: 0, threads: 0, messages: 0, queued: 0 };

describe("deleteUser wins against turns in flight", () => {
  for (const tier of ["C", "A"] as const) {
    it(`a tier-${tier} turn held open while deleteUser runs leaves nothing of the user`, async () => {
      const userId = `racer-${tier}`;
      const thread = `${userId}-t`;
      const held = model.hold();
      const running = turn(userId, thread, tier, "I live in Lisbon with my friend Ines.");
      await held.entered;
      let deleted = false;
      const deletion = app.api.deleteUser(userId).then((r) => ((deleted = true), r));
      await new Promise((r) => setTimeout(r, 100));
      expect(deleted).toBe(false);
      held.release();
      await running;
      const report = await deletion;
      expect(report.threads).toBe(1);
      // tier A stores the extracted fact and the exchange as an episode
      if (tier === "A") expect(report).toMatchObject({ memories: 2, entities: 1 });
      expect(await footprint(userId, thread)).toEqual(nothing);

      await turn(userId, `${thread}-2`, tier, "Hello again.");
      expect((await footprint(userId, `${thread}-2`)).messages).toBe(2);
    });
  }

  it("a turn that starts while deleteUser runs waits for it and starts clean", async () => {
    const userId = "racer-late";
    await turn(userId, "late-1", "A", "I live in Lisbon with my friend Ines.");
    const deletion = app.api.deleteUser(userId);
    const late = turn(userId, "late-2", "C", "Do you remember me?");
    expect(await deletion).toMatchObject({ memories: 2, entities: 1, threads: 1 });
    await late;
    expect(await footprint(userId, "late-1")).toEqual({ ...nothing, threads: 1 });
    expect(await app.stores.ledger.threads.threadsOf(userId)).toEqual(["late-2"]);
  });

  it("queued background jobs of the user are dropped", async () => {
    const userId = "racer-bg";
    await app.stores.ledger.queue.push(userId, "extraction", {
      kind: "facts",
      input: { userId, userMessage: "I live in Lisbon", now: new Date().toISOString() },
      source: {},
    });
    expect(await app.api.deleteUser(userId)).toMatchObject({ queuedJobs: 1 });
    await app.background.drain?.();
    expect(await footprint(userId, "none")).toEqual(nothing);
  });
});
