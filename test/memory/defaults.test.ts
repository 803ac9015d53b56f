import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoriaContextSchema } from "../../src/graph/context.js";
import { createMemoria, type Memoria } from "../../src/graph/create-memoria.js";
import { DEFAULTS } from "../../src/memory/defaults.js";
import { HashEmbeddings } from "../../src/providers/hash-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { testConfig } from "../helpers/stores.js";

let app: Memoria;
const userId = "defaults-user";
const facts = Array.from(
  { length: 14 },
  (_, i) => `User collects stamp series number ${i + 1} from country ${String.fromCharCode(65 + i)}`,
);

beforeAll(async () => {
  app = await createMemoria({
    config: testConfig(),
    chatModel: new ScriptedChatModel({ reply: () => "ok" }),
    embedder: new HashEmbeddings(),
    checkpointer: false,
  });
  for (const [i, content] of facts.entries()) {
    await app.api.add(content, {
      userId,
      infer: false,
      metadata: { importance: 0.5 + i / 100 },
      now: `2024-01-${String(i + 1).padStart(2, "0")}T00:00:00.000Z`,
    });
  }
});
afterAll(() => app?.close());

describe("one set of defaults", () => {
  it("the run context takes its memory limits and profile size from DEFAULTS", () => {
    const ctx = MemoriaContextSchema.parse({ userId });
    expect(ctx.topK).toBe(DEFAULTS.promptMemoryLimit);
    expect(ctx.memoryTokenBudget).toBe(DEFAULTS.memoryTokenBudget);
    expect(ctx.profileItems).toBe(DEFAULTS.profileItems);
  });

  it("/profile (api.profile) holds as many memories as the tier-A prompt's learned profile", async () => {
    const lines = (await app.api.profile(userId)).split("\n").join("; ").split("; ");
    expect(lines).toHaveLength(DEFAULTS.profileItems);
    expect(await app.stores.memory.profile(userId, { maxItems: MemoriaContextSchema.parse({ userId }).profileItems })).toBe(
      await app.api.profile(userId),
    );
  });

  it("api.search and the store return the same number of results by default", async () => {
    const viaApi = await app.api.search("stamp series country", { userId, minScore: -1 });
    const viaStore = await app.stores.memory.search("stamp series country", { userId, minScore: -1 });
    expect(viaApi).toHaveLength(DEFAULTS.searchLimit);
    expect(viaStore.map((m) => m.id)).toEqual(viaApi.map((m) => m.id));
  });
});
