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
import { memoriaStoreFor } from "../../src/integrations/memoria-store-for.js";
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
  return new StateGraph(MessagesAnnotation, Context)
    .addNode("chat", node)
    .addEdge(START, "chat")
    .compile({ store, checkpointer: new MemorySaver() });
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
