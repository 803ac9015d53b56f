import { describe, expect, it } from "vitest";
import { InvalidContextError } from "../../src/config/errors.js";
import { z } from "zod";
import { MemoriaContextInputSchema, contextFromConfig, parseContext } from "../../src/graph/context.js";
import { withConfigurableContext } from "../../src/graph/configurable-context.js";

describe("run context", () => {
  it("applies defaults", () => {
    const ctx = parseContext({ userId: "alice" });
    expect(ctx).toMatchObject({ userId: "alice", tier: "A", topK: 40, memoryTokenBudget: 600, keepLastMessages: 6 });
  });

  it("accepts odd but valid user ids untouched", () => {
    for (const userId of [`o'brien "quoted"`, "team/alice\\x", "ユーザー🙂", "  padded  "]) {
      expect(parseContext({ userId }).userId).toBe(userId);
    }
  });

  it.each([
    [{}, /userId/],
    [{ userId: "" }, /must not be empty/],
    [{ userId: "   " }, /blank/],
    [{ userId: "a\u0000b" }, /control characters/],
    [{ userId: "x".repeat(257) }, /at most 256/],
    [{ userId: "a", tier: "Z" }, /tier/],
    [{ userId: "a", topK: 0 }, /topK/],
  ])("rejects %j with a clear error", (raw, message) => {
    expect(() => parseContext(raw)).toThrow(InvalidContextError);
    expect(() => parseContext(raw)).toThrow(message);
  });

  it("reads context first and falls back to configurable", () => {
    expect(contextFromConfig({ configurable: { userId: "bob", tier: "C", thread_id: "t" } })).toMatchObject({ userId: "bob", tier: "C" });
    expect(contextFromConfig({ context: { userId: "ann", tier: "B" }, configurable: { userId: "ann", tier: "C" } })).toMatchObject({
      userId: "ann",
      tier: "B",
    });
    expect(contextFromConfig({ context: {}, configurable: { userId: "bob" } }).userId).toBe("bob");
  });

  it("refuses a run whose context and configurable name different users", () => {
    const config = { context: { userId: "ann" }, configurable: { userId: "bob" } };
    expect(() => contextFromConfig(config)).toThrow(InvalidContextError);
    expect(() => withConfigurableContext(config)).toThrow(/context.userId and config.configurable.userId name different users/);
  });

  it("copies configurable's context keys into an empty context (the LangGraph server's `context: {}`), so the graph's check passes", () => {
    const options = { context: {}, configurable: { userId: "bob", tier: "C", thread_id: "t" } };
    const moved = withConfigurableContext(options) as { context: unknown };
    expect(moved.context).toEqual({ userId: "bob", tier: "C" });
    expect(z.parse(MemoriaContextInputSchema, moved.context)).toMatchObject({ userId: "bob", tier: "C" });
    const given = { context: { userId: "ann" }, configurable: { thread_id: "t" } };
    expect(withConfigurableContext(given)).toBe(given);
  });

  it("parses a run's context once: nodes reading the same context object share one result, and a changed field is parsed again", () => {
    const context: Record<string, unknown> = { userId: "ann", tier: "A" };
    const first = contextFromConfig({ context, configurable: { thread_id: "t1" } });
    expect(contextFromConfig({ context, configurable: { thread_id: "t1", checkpoint_ns: "respond" } })).toBe(first);
    context.tier = "B";
    const changed = contextFromConfig({ context });
    expect(changed).not.toBe(first);
    expect(changed.tier).toBe("B");
    expect(contextFromConfig({ context: { userId: "ann" }, configurable: { tier: "C" } }).tier).toBe("C");
    context.topK = 0;
    expect(() => contextFromConfig({ context })).toThrow(InvalidContextError);
  });

  it("declares a graph context schema that fails with InvalidContextError, not a ZodError", () => {
    expect(() => z.parse(MemoriaContextInputSchema, { userId: " " })).toThrow(InvalidContextError);
    expect(() => z.parse(MemoriaContextInputSchema, { userId: "a", tier: "Z" })).toThrow(/tier/);
    expect(z.parse(MemoriaContextInputSchema, { userId: "a" })).toMatchObject({ userId: "a", tier: "A" });
    const json = z.toJSONSchema(MemoriaContextInputSchema) as unknown as { required: string[]; properties: { tier: { enum: string[] } } };
    expect(json.required).toEqual(["userId"]);
    expect(json.properties.tier.enum).toEqual(["F", "D", "C", "B", "A"]);
  });
});
