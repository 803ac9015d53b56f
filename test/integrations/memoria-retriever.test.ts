import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { Annotation, START, StateGraph } from "@langchain/langgraph";
import type { Document } from "@langchain/core/documents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaRetriever } from "../../src/integrations/memoria-retriever.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import { testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const formatDocs = RunnableLambda.from((docs: Document[]) => docs.map((d) => `- ${d.pageContent} (${d.metadata.why})`).join("\n"));

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  await api.add("User is vegetarian and avoids fish", { userId: "ana", infer: false, metadata: { threadId: "t-1", category: "food" } });
  await api.add("User plays the cello in an orchestra", { userId: "ana", infer: false, metadata: { category: "hobby" } });
  await api.add("User is allergic to peanuts", { userId: "ben", infer: false });
});
afterAll(() => stores?.close());

describe("MemoriaRetriever", () => {
  it("returns Documents with score, why and ids, inside a RunnableSequence", async () => {
    const retriever = new MemoriaRetriever({ api, userId: "ana", k: 2 });
    const docs = await retriever.invoke("does she eat fish?");
    expect(docs[0]!.pageContent).toBe("User is vegetarian and avoids fish");
    expect(docs[0]!.id).toBe(docs[0]!.metadata.id);
    expect(docs[0]!.metadata).toMatchObject({ userId: "ana", category: "food", threadId: "t-1" });
    expect(docs[0]!.metadata.score).toBeGreaterThan(0);
    expect(docs[0]!.metadata.why).toMatch(/\S/);
    const chain = RunnableSequence.from([retriever, formatDocs]);
    expect(await chain.invoke("fish")).toContain("- User is vegetarian and avoids fish (");
  });

  it("reads the user from the run context or configurable when the constructor names none", async () => {
    const chain = new MemoriaRetriever({ api }).pipe(formatDocs);
    expect(await chain.invoke("allergic peanuts", { context: { userId: "ben" } } as never)).toContain("peanuts");
    expect(await chain.invoke("allergic peanuts", { configurable: { userId: "ana" } })).not.toContain("peanuts");
    await expect(chain.invoke("anything")).rejects.toThrow(/No user for this call/);
  });

  it("a fixed user cannot be switched by the run config", async () => {
    const retriever = new MemoriaRetriever({ api, userId: "ana" });
    const docs = await retriever.invoke("peanuts allergy", { configurable: { userId: "ben" } });
    expect(docs.every((d) => d.metadata.userId === "ana")).toBe(true);
    expect(docs.map((d) => d.pageContent)).not.toContain("User is allergic to peanuts");
  });

  it("inside a LangGraph node, picks the user up from the enclosing run's context", async () => {
    const retriever = new MemoriaRetriever({ api, k: 1 });
    const State = Annotation.Root({ question: Annotation<string>, answer: Annotation<string> });
    const graph = new StateGraph(State)
      .addNode("lookup", async (state: typeof State.State) => ({
        answer: (await retriever.invoke(state.question)).map((d) => d.pageContent).join(),
      }))
      .addEdge(START, "lookup")
      .compile();
    expect((await graph.invoke({ question: "peanut allergy" }, { context: { userId: "ben" } })).answer).toBe("User is allergic to peanuts");
    expect((await graph.invoke({ question: "peanut allergy" }, { context: { userId: "ana" } })).answer).not.toContain("peanuts");
  });
});
