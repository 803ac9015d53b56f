import { join } from "node:path";
import { AIMessage } from "@langchain/core/messages";
import { MemorySaver, MessagesAnnotation, StateGraph } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DependencyVersionError, InvalidInputError, ThreadOwnershipError } from "../../src/config/errors.js";
import { checkLangGraphVersion, LANGGRAPH_TESTED_VERSION } from "../../src/graph/langgraph-internals.js";
import { wrapGraph } from "../../src/graph/wrap-graph.js";
import { openSqlite, type SqliteDatabase } from "../../src/memory/ledger/sqlite.js";
import { SqliteThreadRegistry } from "../../src/memory/ledger/thread-registry.js";
import { UserRuns } from "../../src/memory/ledger/user-runs.js";
import { messageText } from "../../src/memory/token-counter.js";
import { tempDir } from "../helpers/stores.js";

let db: SqliteDatabase;
let registry: SqliteThreadRegistry;
const registered: string[] = [];
const nodeRuns: string[] = [];

function echoGraph(runs?: UserRuns) {
  const graph = new StateGraph(MessagesAnnotation)
    .addNode("reply", (state) => {
      const text = messageText(state.messages.at(-1)!);
      nodeRuns.push(text);
      if (text === "fail") throw new Error("the model fell over");
      return { messages: [new AIMessage(`echo: ${text}`)] };
    })
    .addEdge("__start__", "reply")
    .compile({ checkpointer: new MemorySaver() });
  const threads = {
    register: (user: string, thread: string, at?: string) => (registered.push(`${user}@${thread}`), registry.register(user, thread, at)),
  };
  return wrapGraph(graph, { tracking: { threads, runs } });
}

const turn = (text: string) => ({ messages: [{ role: "user", content: text }] });
const on = (userId: string, threadId: string) => ({ configurable: { thread_id: threadId }, context: { userId } });

/** Each way a client can start a run, consumed to the end. */
const entries = {
  invoke: (g: ReturnType<typeof echoGraph>, text: string, o: object) => g.invoke(turn(text), o),
  stream: async (g: ReturnType<typeof echoGraph>, text: string, o: object) => {
    for await (const _ of await g.stream(turn(text), o));
  },
  "streamEvents v2": async (g: ReturnType<typeof echoGraph>, text: string, o: object) => {
    for await (const _ of g.streamEvents(turn(text), { ...o, version: "v2" }));
  },
  "streamEvents v3": async (g: ReturnType<typeof echoGraph>, text: string, o: object) => {
    const run = (await g.streamEvents(turn(text), { ...o, version: "v3" })) as unknown as AsyncIterable<unknown>;
    for await (const _ of run);
  },
};

beforeAll(() => {
  db = openSqlite(join(tempDir(), "ledger.sqlite"));
  registry = new SqliteThreadRegistry(db);
});
afterAll(() => db?.close());

describe("one wrapper sees every run of the compiled graph once", () => {
  for (const [name, start] of Object.entries(entries)) {
    it(`${name}: the thread is claimed once for its user, another user is refused before the graph runs`, async () => {
      const graph = echoGraph();
      const thread = `t-${name}`;
      registered.length = 0;
      nodeRuns.length = 0;
      await start(graph, "hello", on("alice", thread));
      expect(registered).toEqual([`alice@${thread}`]);
      await expect(start(graph, "let me in", on("bob", thread))).rejects.toBeInstanceOf(ThreadOwnershipError);
      expect(nodeRuns).toEqual(["hello"]);
      const state = await graph.getState({ configurable: { thread_id: thread } });
      expect(state.values.messages.map(messageText)).toEqual(["hello", "echo: hello"]);
    });
  }

  it("reads configurable.userId as the run's user, and rejects non-text content before it waits or claims anything", async () => {
    const graph = echoGraph();
    registered.length = 0;
    await graph.invoke(turn("hi"), { configurable: { thread_id: "t-conf", userId: "carol" } });
    expect(registered).toEqual(["carol@t-conf"]);
    const image = { messages: [{ role: "user", content: [{ type: "image_url", image_url: "x" }] }] };
    await expect(graph.invoke(image, on("dave", "t-image"))).rejects.toBeInstanceOf(InvalidInputError);
    expect(registered).toEqual(["carol@t-conf"]);
  });

  it("a failed run ends the user's run and frees its thread, so deleting the user and the next turn do not wait forever", async () => {
    const runs = new UserRuns();
    const graph = echoGraph(runs);
    await expect(graph.invoke(turn("fail"), on("erin", "t-fail"))).rejects.toThrow(/fell over/);
    await expect(graph.invoke(turn("again"), on("erin", "t-fail"))).resolves.toBeDefined();
    await expect(runs.exclusive("erin", async () => "deleted")).resolves.toBe("deleted");
  });

  it("a run in flight holds deleteUser until its stream is consumed", async () => {
    const runs = new UserRuns();
    const graph = echoGraph(runs);
    const stream = await graph.stream(turn("slow"), on("fay", "t-slow"));
    let deleted = false;
    const deletion = runs.exclusive("fay", async () => (deleted = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deleted).toBe(false);
    for await (const _ of stream);
    await deletion;
    expect(deleted).toBe(true);
  });

  it("with refuse, every run fails with that error and nothing is claimed", async () => {
    const problem = new Error("no chat model configured");
    const graph = wrapGraph(
      new StateGraph(MessagesAnnotation)
        .addNode("n", () => ({}))
        .addEdge("__start__", "n")
        .compile(),
      {
        tracking: { threads: { register: async () => void registered.push("refused") } },
        refuse: problem,
      },
    );
    registered.length = 0;
    await expect(graph.invoke(turn("hi"), on("gus", "t-refused"))).rejects.toBe(problem);
    await expect(graph.stream(turn("hi"), on("gus", "t-refused"))).rejects.toBe(problem);
    expect(registered).toEqual([]);
  });
});

describe("the @langchain/langgraph fence", () => {
  it("accepts the installed release and patch releases of the tested one, and names the mismatch otherwise", () => {
    expect(() => checkLangGraphVersion()).not.toThrow();
    const [major, minor] = LANGGRAPH_TESTED_VERSION.split(".");
    expect(() => checkLangGraphVersion(`${major}.${minor}.99`)).not.toThrow();
    expect(() => checkLangGraphVersion(`${major}.${Number(minor) + 1}.0`)).toThrow(DependencyVersionError);
  });
});
