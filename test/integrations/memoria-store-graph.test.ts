import { AIMessage } from "@langchain/core/messages";
import {
  Annotation,
  getStore,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
  type LangGraphRunnableConfig,
} from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { InvalidContextError } from "../../src/config/errors.js";
import { memoriaStoreFor } from "../../src/integrations/memoria-store-for.js";
import { pinStore } from "../../src/integrations/pin-store.js";
import type { MemoriaStore } from "../../src/integrations/memoria-store.js";
import { messageText } from "../../src/memory/token-counter.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

let app: Memoria;
let store: MemoriaStore;

const Context = Annotation.Root({ userId: Annotation<string> });

/** A user's own graph in the style of LangGraph's memory template: remember "remember ..." lines, answer from a store search. */
function userGraph() {
  const node = async (state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig<typeof Context.State>) => {
    const namespace = ["memories", config.context!.userId];
    const text = messageText(state.messages.at(-1)!);
    if (text.startsWith("remember ")) {
      await config.store!.put(namespace, `note-${state.messages.length}`, { content: text.slice(9), context: "chat" });
      return { messages: [new AIMessage("Saved.")] };
    }
    const hits = await getStore()!.search(namespace, { query: text, limit: 1 });
    return { messages: [new AIMessage(hits.map((h) => String(h.value.content)).join("; ") || "Nothing known.")] };
  };
  return pinStore(
    new StateGraph(MessagesAnnotation, Context)
      .addNode("chat", node)
      .addEdge(START, "chat")
      .compile({ store, checkpointer: new MemorySaver() }),
    store,
  );
}

/**
 * A graph whose node uses whatever namespace the message names ("read bob", "write bob", ...), as a hostile or buggy node would;
 * "direct" and "list" use the store the node holds itself (LangGraph's config.store has no listNamespaces).
 */
function probeGraph(pinned: boolean) {
  const node = async (state: typeof MessagesAnnotation.State, config: LangGraphRunnableConfig<typeof Context.State>) => {
    const [verb, user] = messageText(state.messages.at(-1)!).split(" ");
    const ns = ["memories", user ?? ""];
    const own = config.store!;
    let out: unknown;
    if (verb === "read") out = { items: await own.search(ns), key: await own.get(ns, "secret") };
    else if (verb === "direct") out = { items: await store.search(ns, { query: "alarm code" }), key: await store.get(ns, "secret") };
    else if (verb === "list") out = await store.listNamespaces({});
    else if (verb === "write")
      out = await own.put(ns, "planted", { content: "planted by another user" }).then(
        () => "written",
        (e: Error) => e.name,
      );
    else out = await own.delete(ns, "secret").then(() => "deleted");
    return { messages: [new AIMessage(JSON.stringify(out ?? null))] };
  };
  const graph = new StateGraph(MessagesAnnotation, Context).addNode("probe", node).addEdge(START, "probe").compile({ store });
  return pinned ? pinStore(graph, store) : graph;
}

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: scriptedMemoryModel([]), checkpointer: false });
  store = memoriaStoreFor(app);
});
afterAll(async () => {
  store?.close();
  await app?.close();
});

describe("MemoriaStore through compile({ store }) and config.store", () => {
  it("a node's store.put lands in memoria and store.search in another thread finds it with hybrid search", async () => {
    const graph = userGraph();
    const run = async (userId: string, thread: string, text: string) =>
      messageText(
        (
          await graph.invoke({ messages: [{ role: "user", content: text }] }, { configurable: { thread_id: thread }, context: { userId } })
        ).messages.at(-1)!,
      );
    expect(await run("ana", "t1", "remember my cat is called Miso")).toBe("Saved.");
    expect(await run("ana", "t2", "what is my cat called?")).toBe("my cat is called Miso");
    expect(await run("ben", "t3", "what is my cat called?")).toBe("Nothing known.");
    const [memory] = (await app.api.list({ userId: "ana" })).items;
    expect(memory).toMatchObject({ content: "my cat is called Miso", userId: "ana" });
    const deleted = await app.api.delete(memory!.id, { userId: "ana" });
    expect(deleted).toBe(true);
    expect(await store.get(["memories", "ana"], "note-1")).toBeNull();
    expect(await run("ana", "t4", "what is my cat called?")).toBe("Nothing known.");
  });
});

describe("MemoriaStore in a graph run acts for the run's user", () => {
  it("a node reading, listing, writing or deleting in another user's namespace gets what a missing user gets", async () => {
    await store.put(["memories", "bob"], "secret", { content: "Bob's alarm code is 2468" });
    const graph = probeGraph(true);
    const run = async (userId: string, text: string) =>
      messageText((await graph.invoke({ messages: [{ role: "user", content: text }] }, { context: { userId } })).messages.at(-1)!);
    expect(await run("alice", "read bob")).toBe(await run("alice", "read nobody"));
    expect(await run("alice", "read bob")).toBe(JSON.stringify({ items: [], key: null }));
    expect(await run("alice", "direct bob")).toBe(JSON.stringify({ items: [], key: null }));
    expect(await run("alice", "write bob")).toBe(await run("alice", "write nobody"));
    expect(await run("alice", "delete bob")).toBe('"deleted"');
    expect(JSON.parse(await run("alice", "list"))).toEqual([]);
    expect(await run("alice", "write alice")).toBe('"written"');
    expect(JSON.parse(await run("alice", "list"))).toEqual([["memories", "alice"]]);
    expect(await run("bob", "read bob")).toContain("Bob's alarm code is 2468");
    expect(await run("bob", "direct bob")).toContain("Bob's alarm code is 2468");
    expect(JSON.parse(await run("bob", "list"))).toEqual([["memories", "bob"]]);
    expect((await app.api.list({ userId: "bob" })).items.map((m) => m.content)).toEqual(["Bob's alarm code is 2468"]);
    expect(await store.listNamespaces({ prefix: ["memories"] })).toEqual(
      expect.arrayContaining([
        ["memories", "alice"],
        ["memories", "bob"],
      ]),
    );
  });

  it("a MemoriaStore compiled in without pinStore refuses rather than trusting the namespace", async () => {
    const graph = probeGraph(false);
    await expect(graph.invoke({ messages: [{ role: "user", content: "read bob" }] }, { context: { userId: "alice" } })).rejects.toThrow(
      InvalidContextError,
    );
  });

  it("a store bound with forUser (or memoriaStoreFor(memoria, { userId })) answers another user's namespace like a missing one", async () => {
    const carol = memoriaStoreFor(app, { userId: "carol" });
    expect(await carol.get(["memories", "bob"], "secret")).toBeNull();
    expect(await carol.search(["memories", "bob"], { query: "alarm code" })).toEqual([]);
    expect(await carol.listNamespaces({})).toEqual([]);
    await carol.put(["memories", "carol"], "pet", { content: "Carol has a parrot" });
    expect((await store.forUser("carol").get(["memories", "carol"], "pet"))!.value.content).toBe("Carol has a parrot");
    carol.close();
    expect((await store.get(["memories", "bob"], "secret"))!.value.content).toBe("Bob's alarm code is 2468");
  });
});
