import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { ModelUnavailableError } from "../../src/config/errors.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { openStores } from "../../src/memory/store/open-stores.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { startFakeOpenAI, type FakeOpenAI } from "../dev-server/fake-openai-server.js";
import { testConfig } from "../helpers/stores.js";

const FACTS = {
  Biscuit: "User's cat is named Biscuit",
  carpenter: "User works as a carpenter in Oslo",
  mango: "User's favourite fruit is mango",
  tea: "User drinks green tea",
  garbled: null,
};
const SAID = ["My cat is named Biscuit.", "I work as a carpenter in Oslo.", "My favourite fruit is mango."];

const opened: { fake: FakeOpenAI; app: Memoria }[] = [];
afterEach(async () => {
  for (const { fake, app } of opened.splice(0)) {
    await app.close();
    await fake.close();
  }
});

async function start(extraction: "inline" | "background") {
  const fake = await startFakeOpenAI({ facts: FACTS });
  const warnings: string[] = [];
  const app = await createMemoria({
    config: testConfig(),
    chatModel: new ChatOpenAI({ model: "fake", apiKey: "k", maxRetries: 0, configuration: { baseURL: fake.baseUrl } }),
    embedder: new HashEmbeddings(),
    extraction,
    logger: { warn: (message) => warnings.push(message), info: () => {} },
  });
  opened.push({ fake, app });
  const turn = (text: string) =>
    app.graph.invoke(
      { messages: [{ role: "user", content: text }] },
      { configurable: { thread_id: "t" }, context: { userId: "u", tier: "A" } },
    );
  const facts = async () => (await app.stores.memory.list("u")).map((m) => m.content).sort();
  return { fake, app, warnings, turn, facts };
}

describe("a model outage loses no fact of a turn that succeeded", () => {
  for (const extraction of ["inline", "background"] as const) {
    it(`${extraction}: extraction calls refused with 503/429 are kept and retried once the model is back`, async () => {
      const { fake, app, turn, facts } = await start(extraction);
      fake.outage = { status: 503, retryAfter: "1" };
      for (const [i, text] of SAID.entries()) {
        if (i === 1) fake.outage = { status: 429, retryAfter: "1" };
        const result = await turn(text);
        expect(String(result.messages.at(-1)!.content)).toContain("Fake reply");
      }
      while (fake.refusedAt.length < 3) await new Promise((r) => setTimeout(r, 50));
      expect(await app.pendingExtractions("u")).toBeGreaterThan(0);
      fake.outage = undefined;
      const recovered = fake.requests.length;
      await turn("I drink green tea every morning.");
      await app.background.drain();
      expect(await facts()).toEqual([...Object.values(FACTS).filter((f) => f !== null)].sort());
      expect(await app.pendingExtractions()).toBe(0);
      const extracted = fake.requests
        .slice(recovered)
        .filter((r) => (r.tools?.[0]?.function.name ?? r.response_format?.json_schema?.name) === "extract_memories")
        .map((r) => ["Biscuit", "carpenter", "mango", "tea"].find((k) => JSON.stringify(r.messages).includes(k)));
      expect(extracted).toEqual(["Biscuit", "carpenter", "mango", "tea"]);
    }, 60_000);
  }

  it("a retry waits at least the Retry-After the model sent", async () => {
    const { fake, app, turn, facts } = await start("background");
    fake.outage = { status: 429, retryAfter: "2" };
    await turn(SAID[0]!);
    while (fake.refusedAt.length < 2) await new Promise((r) => setTimeout(r, 50));
    fake.outage = undefined;
    await app.background.drain();
    const [first, second] = fake.refusedAt;
    expect(second! - first!).toBeGreaterThanOrEqual(1_900);
    expect(await facts()).toEqual([FACTS.Biscuit]);
  }, 60_000);

  it("output that is truly malformed is dropped with a logged reason; the queue does not stall on it", async () => {
    const { app, warnings, turn, facts } = await start("background");
    await turn("Here is something garbled.");
    await turn(SAID[2]!);
    await app.background.drain();
    expect(warnings.some((w) => /job \d+ dropped, not retryable \(Fact extraction failed/.test(w))).toBe(true);
    expect(await facts()).toEqual([FACTS.mango]);
    expect(await app.pendingExtractions()).toBe(0);
  }, 60_000);

  it("a reconciliation refused by a down model fails the write (so its job is retried) instead of silently keeping nothing", async () => {
    const config = testConfig();
    let calls = 0;
    const stores = await openStores({
      chromaUrl: config.chromaUrl,
      dataDir: config.dataDir,
      collectionPrefix: config.collectionPrefix,
      embedder: new HashEmbeddings(),
      reconciler: async () => {
        calls++;
        throw new ModelUnavailableError("Memory reconciliation failed: 503 (injected)");
      },
    });
    try {
      const fact = { type: "fact" as const, category: "other" as const, importance: 0.5 };
      await stores.memory.write("r", [{ ...fact, content: "User lives in Lisbon near the river" }]);
      await expect(stores.memory.write("r", [{ ...fact, content: "User lives in Lisbon near the old river" }])).rejects.toBeInstanceOf(
        ModelUnavailableError,
      );
      expect(calls).toBe(1);
    } finally {
      await stores.close();
    }
  });
});
