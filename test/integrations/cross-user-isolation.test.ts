import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { createMemoriaMcpServer } from "../../src/integrations/mcp-server.js";
import { MemoriaRetriever } from "../../src/integrations/memoria-retriever.js";
import { MemoriaStore } from "../../src/integrations/memoria-store.js";
import { createMemoryTools } from "../../src/integrations/memory-tools.js";
import type { MemoryRecord } from "../../src/memory/types.js";
import { scriptedMemoryModel } from "../helpers/scripted-model.js";
import { tempDir, testConfig } from "../helpers/stores.js";

let app: Memoria;
let secret: MemoryRecord;
const eve = { context: { userId: "eve" } };

beforeAll(async () => {
  app = await createMemoria({ config: testConfig(), chatModel: scriptedMemoryModel([]), checkpointer: false });
  const [outcome] = await app.api.add("Alice's bank PIN is 4321", { userId: "alice", infer: false });
  secret = (await app.api.get(outcome!.id!, { userId: "alice" }))!;
});
afterAll(() => app?.close());

describe("no entry point reaches another user's memory by naming its id", () => {
  it("retriever, agent tools, BaseStore and MCP all refuse eve's attempts on alice's memory", async () => {
    const seen: string[] = [];
    const collect = (text: string) => seen.push(text);

    const retriever = new MemoriaRetriever({ api: app.api });
    for (const query of [secret.id, secret.content]) {
      (await retriever.invoke(query, eve as never)).forEach((d) => collect(d.pageContent));
      (await new MemoriaRetriever({ api: app.api, userId: "eve" }).invoke(query, { configurable: { userId: "alice" } })).forEach((d) =>
        collect(d.pageContent),
      );
    }

    const tools = Object.fromEntries(createMemoryTools(app.api).map((t) => [t.name, t]));
    collect(String(await tools.search_memory!.invoke({ query: secret.content, userId: "alice" }, eve as never)));
    await expect(
      tools.update_memory!.invoke({ memoryId: secret.id, content: "PIN is 0000", userId: "alice" }, eve as never),
    ).rejects.toThrow(/No memory with id/);
    await expect(tools.forget_memory!.invoke({ memoryId: secret.id, userId: "alice" }, eve as never)).rejects.toThrow(/No memory with id/);
    await tools.save_memory!.invoke({ content: "Alice's bank PIN is 0000", userId: "alice" }, eve as never);

    const store = new MemoriaStore({ api: app.api, path: join(tempDir(), "store.sqlite") });
    expect(await store.get(["memories", "eve"], secret.id)).toBeNull();
    await store.put(["memories", "eve"], secret.id, { content: "PIN is 0000" });
    await store.delete(["memories", "eve"], secret.id);
    (await store.search(["memories", "eve"], { query: secret.content })).forEach((i) => collect(String(i.value.content)));
    store.close();

    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const server = createMemoriaMcpServer(app.api, { userId: "eve" });
    await server.connect(serverSide);
    const client = new Client({ name: "eve", version: "1.0.0" });
    await client.connect(clientSide);
    const mcp = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as { content: { text: string }[]; isError?: boolean };
    collect((await mcp("search_memory", { query: secret.content, userId: "alice" })).content[0]!.text);
    expect((await mcp("update_memory", { memoryId: secret.id, content: "PIN is 0000" })).isError).toBe(true);
    expect((await mcp("forget_memory", { memoryId: secret.id })).isError).toBe(true);
    await client.close();

    expect(seen.join("\n")).not.toContain("4321");
    expect(await app.api.get(secret.id, { userId: "alice" })).toEqual(secret);
    expect((await app.api.list({ userId: "alice" })).total).toBe(1);
    expect((await app.api.history(secret.id, { userId: "alice" })).map((e) => e.action)).toEqual(["ADD"]);
    expect((await app.api.list({ userId: "eve" })).items.every((m) => m.userId === "eve" && !m.content.includes("4321"))).toBe(true);
  });
});
