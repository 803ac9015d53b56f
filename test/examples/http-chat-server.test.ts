import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatServer, type ChatResponse } from "../../examples/http-chat-server.js";
import { parseTokens } from "../../examples/http-chat-tokens.js";
import { ConfigError } from "../../src/config/errors.js";
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

const TOKENS = {
  alice: "alice-token-0123456789",
  bob: "bob-token-0123456789ab",
  "alice/x": "slash-token-0123456789",
};
type User = keyof typeof TOKENS;

const request = async (headers: Record<string, string>, body: unknown) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, header: res.headers.get("www-authenticate"), body: (await res.json()) as ChatResponse & { error?: string } };
};
const post = (user: User, body: Record<string, unknown>) => request({ authorization: `Bearer ${TOKENS[user]}` }, body);
const promptSent = () => [lastReplySystemPrompt(model), ...lastReplyMessages(model).map(messageText)].join("\n");

beforeAll(async () => {
  memoria = await createMemoria({ config: testConfig({ MEMORIA_EMBEDDINGS: "hash" }), chatModel: model });
  const tokens = parseTokens(
    Object.entries(TOKENS)
      .map(([user, token]) => `${token}:${user}`)
      .join(","),
  );
  server = createChatServer({ memoria, tokens }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/chat`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await memoria?.close();
});

describe("examples/http-chat-server", () => {
  it("serves two turns for alice and keeps bob's prompt free of alice's memory", async () => {
    const first = await post("alice", { message: "I'm vegetarian and my sister Maya visits on Friday." });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reply: "Noted: I'm vegetarian and my sister Maya visits", threadId: "default", tier: "A" });

    const second = await post("alice", { message: "What vegetarian dish could I make for Maya?", threadId: "default" });
    expect(second.body.reply).toMatch(/^Noted: What vegetarian dish/);
    expect(second.body.memories).toContain("User is vegetarian and avoids fish");
    expect(second.body.entities).toContain("Maya");
    expect(promptSent()).toContain("I'm vegetarian and my sister Maya visits on Friday.");

    const bob = await post("bob", { message: "What vegetarian dish could I make for Maya?" });
    expect(bob.status).toBe(200);
    expect(bob.body.memories).toEqual([]);
    expect(bob.body.entities).toEqual([]);
    const bobPrompt = promptSent();
    expect(bobPrompt).not.toContain("avoids fish");
    expect(bobPrompt).not.toContain("sister");
    expect(bobPrompt).not.toContain("Friday");
  });

  it("answers bad requests with 400 and unknown paths with 404", async () => {
    expect((await post("alice", {})).status).toBe(400);
    expect((await post("alice", { message: "hi", tier: "Z" })).body.error).toContain("tier must be one of");
    expect((await post("alice", { message: "hi", threadId: "" })).status).toBe(400);
    expect((await fetch(url.replace("/chat", "/nope"))).status).toBe(404);
  });

  it("takes the user from the bearer token: 401 without a known token, 403 when the body names another user", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-a-token-0123456789" }, { authorization: TOKENS.alice }];
    for (const headers of attempts) {
      const res = await request(headers, { userId: "alice", message: "What do I eat?" });
      expect(res).toMatchObject({ status: 401, header: "Bearer" });
      expect(JSON.stringify(res.body)).not.toContain("vegetarian");
    }
    const asAlice = await post("bob", { userId: "alice", message: "What vegetarian dish could I make for Maya?" });
    expect(asAlice.status).toBe(403);
    expect(JSON.stringify(asAlice.body)).not.toContain("avoids fish");
    expect((await post("bob", { userId: "bob", message: "Hello" })).status).toBe(200);
  });

  it("keeps the thread of user alice/x with thread y apart from alice's thread x/y", async () => {
    const own = await post("alice", { message: "Note for thread x/y: the gate code is 1234.", threadId: "x/y" });
    expect(own.status).toBe(200);
    const other = await post("alice/x", { message: "Note for my thread y: the shed code is 5678.", threadId: "y" });
    expect(other.status).toBe(200);
    expect(promptSent()).not.toContain("gate code");
    const again = await post("alice", { message: "What was the code?", threadId: "x/y" });
    expect(again.status).toBe(200);
    expect(promptSent()).toContain("the gate code is 1234");
    expect(promptSent()).not.toContain("shed code");
  });

  it("refuses to start without well-formed tokens", () => {
    for (const text of [
      undefined,
      "",
      "short:alice",
      "no-colon-here-0123456789",
      "alice-token-0123456789:",
      `${TOKENS.alice}:a,${TOKENS.alice}:b`,
    ])
      expect(() => parseTokens(text), String(text)).toThrow(ConfigError);
    expect([...parseTokens(` ${TOKENS.bob}:bob , ${TOKENS.alice}:alice `).values()]).toEqual(["bob", "alice"]);
  });
});
