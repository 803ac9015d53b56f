import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toJSONSchema } from "zod";
import { MemoriaRetriever } from "../../src/integrations/memoria-retriever.js";
import { createMemoryTools } from "../../src/integrations/memory-tools.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import { DEFAULTS } from "../../src/memory/defaults.js";
import { FIELD_LIMITS } from "../../src/memory/field-limits.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const userId = "tools-ana";
const tools = () => Object.fromEntries(createMemoryTools(api, { infer: false }).map((t) => [t.name, t]));
const call = async (name: string, args: Record<string, unknown>) =>
  JSON.parse((await tools()[name]!.invoke(args, { configurable: { userId } })) as string) as Record<string, unknown>;

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
  for (let i = 0; i < DEFAULTS.searchLimit + 3; i++) await api.add(`Ana owns garden tool number ${i}`, { userId, infer: false });
});
afterAll(() => stores?.close());

const schemaOf = (name: string) => toJSONSchema(tools()[name]!.schema as never) as { properties: Record<string, { maxLength?: number }> };

describe("the memory tools and the API agree", () => {
  it("save_memory and update_memory advertise the API's content limit, and a text at that limit is saved", async () => {
    expect(schemaOf("save_memory").properties.content!.maxLength).toBe(FIELD_LIMITS.content);
    expect(schemaOf("save_memory").properties.category!.maxLength).toBe(FIELD_LIMITS.category);
    expect(schemaOf("update_memory").properties.content!.maxLength).toBe(FIELD_LIMITS.content);
    const longest = `Ana ${"x".repeat(FIELD_LIMITS.content - 4)}`;
    const saved = (await call("save_memory", { content: longest })) as { saved: { action: string; error?: string }[] };
    expect(saved.saved).toEqual([expect.objectContaining({ action: "ADD" })]);
    await expect(call("save_memory", { content: `${longest}y` })).rejects.toThrow();
  });

  it("search_memory returns as many results by default as api.search and the retriever", async () => {
    const found = (await call("search_memory", { query: "garden tool" })) as { memories: unknown[] };
    expect(found.memories).toHaveLength(DEFAULTS.searchLimit);
    expect(await api.search("garden tool", { userId })).toHaveLength(DEFAULTS.searchLimit);
    expect(await new MemoriaRetriever({ api, userId }).invoke("garden tool")).toHaveLength(DEFAULTS.searchLimit);
  });

  it("facts carry kind: fact in the API, the tools, the retriever and the export; an old export without kind imports as facts", async () => {
    const [hit] = await api.search("garden tool number 1", { userId, limit: 1 });
    expect(hit!.kind).toBe("fact");
    expect((await api.get(hit!.id, { userId }))!.kind).toBe("fact");
    expect((await api.list({ userId })).items.every((m) => m.kind === "fact")).toBe(true);
    const viaTool = (await call("search_memory", { query: "garden tool" })) as { memories: { kind: string }[] };
    expect(viaTool.memories.map((m) => m.kind)).toEqual(Array(DEFAULTS.searchLimit).fill("fact"));
    const [doc] = await new MemoriaRetriever({ api, userId, k: 1 }).invoke("garden tool");
    expect(doc!.metadata.kind).toBe("fact");
    const exported = await api.export(userId);
    expect(exported.memories.every((m) => m.kind === "fact")).toBe(true);

    const old = { ...exported, memories: exported.memories.map(({ kind: _kind, ...m }) => m) };
    await api.import("tools-ben", JSON.parse(JSON.stringify(old)));
    const imported = await api.list({ userId: "tools-ben" });
    expect(imported.total).toBe(exported.memories.length);
    expect(imported.items.every((m) => m.kind === "fact")).toBe(true);
    expect((await api.search("garden tool", { userId: "tools-ben" })).every((m) => m.kind === "fact")).toBe(true);
  });
});
