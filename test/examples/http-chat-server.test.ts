import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatServer, type ChatResponse } from "../../examples/http-chat-server.js";
import { createMemoria, type Memoria } from "../../src/index.js";
import { messageText } from "../../src/memory/token-counter.js";
import { lastReplyMessages, lastReplySystemPrompt, scriptedMemoryModel } from "../helpers/scripted-model.js";
import { testConfig } from "../helpers/stores.js";

const model = scriptedMemoryModel([
  {
    when: "vegetarian",
    memories: [{ content: "User is vegetarian and avoids fish", type: "preference", category: "food", importance: 0.9 }],
  },
  { when: "Maya", entities: [{ name: "Maya", kind: "person", attributes: { relation: "sister" } }] },
]);

let memoria: Memoria;
let server: Server;
let url: string;

const post = async (body: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as ChatResponse & { error?: string } };
};
const promptSent = () => [lastReplySystemPrompt(model), ...lastReplyMessages(model).map(messageText)].join("\n");

beforeAll(async () => {
  memoria = await createMemoria({ config: testConfig({ MEMORIA_EMBEDDINGS: "hash" }), chatModel: model });
  server = createChatServer({ memoria }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await memoria?.close();
});

describe("examples/http-chat-server", () => {
  it("serves two turns for alice and keeps bob's prompt free of alice's memory", async () => {
    const first = await post({ userId: "alice", message: "I'm vegetarian and my sister Maya visits on Friday." });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reply: "Noted: I'm vegetarian and my sister Maya visits", threadId: "default", tier: "A" });

    const second = await post({ userId: "alice", message: "What vegetarian dish could I make for Maya?", threadId: "default" });
    expect(second.body.reply).toMatch(/^Noted: What vegetarian dish/);
    expect(second.body.memories).toContain("User is vegetarian and avoids fish");
    expect(second.body.entities).toContain("Maya");
    expect(promptSent()).toContain("I'm vegetarian and my sister Maya visits on Friday.");

    const bob = await post({ userId: "bob", message: "What vegetarian dish could I make for Maya?" });
    expect(bob.status).toBe(200);
    expect(bob.body.memories).toEqual([]);
    expect(bob.body.entities).toEqual([]);
    const bobPrompt = promptSent();
    expect(bobPrompt).not.toContain("avoids fish");
    expect(bobPrompt).not.toContain("sister");
    expect(bobPrompt).not.toContain("Friday");
  });

  it("answers bad requests with 400 and unknown paths with 404", async () => {
    expect((await post({ userId: "alice" })).status).toBe(400);
    expect((await post({ userId: "alice", message: "hi", tier: "Z" })).body.error).toContain("tier must be one of");
    expect((await post({ userId: " ", message: "hi" })).status).toBe(400);
    expect((await fetch(url.replace("/chat", "/nope"))).status).toBe(404);
  });
});
