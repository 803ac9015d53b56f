import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toJSONSchema } from "zod";
import { InvalidInputError } from "../../src/config/errors.js";
import { createManageMemoryTool } from "../../src/integrations/manage-memory-tool.js";
import { createMemoryTools } from "../../src/integrations/memory-tools.js";
import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import { FIELD_LIMITS } from "../../src/memory/field-limits.js";
import type { OpenStores } from "../../src/memory/store/open-stores.js";
import { testMemoryApi } from "../helpers/stores.js";

let stores: OpenStores;
let api: MemoryApi;
const userId = "manage-ana";
const config = { configurable: { userId } };
type Schema = { properties: Record<string, { maxLength?: number; enum?: string[] }> };

beforeAll(async () => {
  ({ stores, api } = await testMemoryApi("2026-05-01T10:00:00.000Z"));
});
afterAll(() => stores?.close());

describe("manage_memory: one LangMem-style tool with actions_permitted", () => {
  it("creates, updates and deletes the run user's memories, with the API's limits in its schema", async () => {
    const [manage] = createMemoryTools(api, { infer: false, manage: { instructions: "Only remember dietary facts." } });
    expect(manage!.name).toBe("manage_memory");
    expect(manage!.description).toContain("Instructions: Only remember dietary facts.");
    const schema = toJSONSchema(manage!.schema as never) as Schema;
    expect(schema.properties.action!.enum).toEqual(["create", "update", "delete"]);
    expect(schema.properties.content!.maxLength).toBe(FIELD_LIMITS.content);
    const created = JSON.parse(await manage!.invoke({ action: "create", content: "Ana is vegan" }, config)) as { saved: { id: string }[] };
    const id = created.saved[0]!.id;
    expect((await api.get(id, { userId }))?.content).toBe("Ana is vegan");
    await manage!.invoke({ action: "update", id, content: "Ana is vegetarian" }, config);
    expect((await api.get(id, { userId }))?.content).toBe("Ana is vegetarian");
    await manage!.invoke({ action: "delete", id }, config);
    expect(await api.get(id, { userId })).toBeUndefined();
  });

  it("offers and runs only the permitted actions", async () => {
    const manage = createManageMemoryTool(api, { infer: false, actionsPermitted: ["create"] });
    expect((toJSONSchema(manage.schema as never) as Schema).properties.action!.enum).toEqual(["create"]);
    const created = JSON.parse(await manage.invoke({ action: "create", content: "Ana has a cat" }, config)) as { saved: { id: string }[] };
    await expect(manage.invoke({ action: "delete", id: created.saved[0]!.id }, config)).rejects.toThrow();
    expect((await api.get(created.saved[0]!.id, { userId }))?.content).toBe("Ana has a cat");
    await expect(manage.invoke({ action: "create" }, config)).rejects.toThrow(/needs content/);
    expect(() => createManageMemoryTool(api, { actionsPermitted: ["erase" as never] })).toThrow(InvalidInputError);
  });
});
