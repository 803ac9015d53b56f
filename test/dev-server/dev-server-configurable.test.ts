import { Client } from "@langchain/langgraph-sdk";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { testConfig, testStores } from "../helpers/stores.js";
import { spawnDevServer, waitUntilUp, type DevServer } from "./dev-server-process.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server.js";

let fake: FakeOpenAI;
let server: DevServer | undefined;
let client: Client;
const prefix = `cfg${randomUUID().replace(/-/g, "").slice(0, 10)}`;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await spawnDevServer({
    CHROMA_URL: inject("chromaUrl"),
    MEMORIA_COLLECTION_PREFIX: prefix,
    MEMORIA_EMBEDDINGS: "hash",
    MEMORIA_CHAT_MODEL: "openai:fake",
    MEMORIA_EXTRACTION: "inline",
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: "sk-fake",
  });
  await waitUntilUp(server, 60_000);
  client = new Client({ apiUrl: server.url });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

interface Values {
  messages: { type: string; content: string }[];
}

describe("langgraphjs dev with the user in config.configurable (the server always sends context: {})", () => {
  it("runs as configurable.userId, stores the memories under that user, and refuses another user on the thread it keeps", async () => {
    const { thread_id } = await client.threads.create();
    const values = (await client.runs.wait(thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "I'm vegetarian." }] },
      config: { configurable: { userId: "cfg-alice", tier: "A" } },
    })) as unknown as Values;
    expect(values.messages.at(-1)).toMatchObject({ type: "ai", content: expect.stringMatching(/^Fake reply \d+ to: I'm vegetarian/) });
    const stores = await testStores(new HashEmbeddings(), testConfig({ MEMORIA_COLLECTION_PREFIX: prefix }));
    try {
      expect((await stores.memory.list("cfg-alice")).map((m) => m.content)).toContain("User is vegetarian");
    } finally {
      await stores.close();
    }
    const intruder = client.runs.wait(thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "What do I eat?" }] },
      context: { userId: "cfg-bob" },
    });
    await expect(intruder).rejects.toThrow("context.userId and config.configurable.userId name different users");
  });

  it("refuses a run whose context and configurable name different users, before the model is called", async () => {
    const { thread_id } = await client.threads.create();
    const requests = fake.requests.length;
    const run = client.runs.wait(thread_id, "memoria", {
      input: { messages: [{ role: "user", content: "hello" }] },
      context: { userId: "cfg-carol" },
      config: { configurable: { userId: "cfg-dave" } },
    });
    await expect(run).rejects.toThrow("context.userId and config.configurable.userId name different users");
    expect(fake.requests.length).toBe(requests);
    expect((await client.threads.getState<Values>(thread_id)).values.messages ?? []).toEqual([]);
  });
});
