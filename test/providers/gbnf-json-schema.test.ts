import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError } from "../../src/config/errors.js";
import { toGbnfJsonSchema } from "../../src/providers/gbnf-json-schema.js";

describe("toGbnfJsonSchema", () => {
  it("rewrites zod output into the subset node-llama-cpp grammars understand", () => {
    const schema = z.object({
      name: z.string().max(12).describe("who"),
      n: z.union([z.literal(1), z.literal(2)]),
      kind: z.enum(["a", "b"]),
      count: z.int(),
      note: z.string().max(5).nullable(),
      tags: z.array(z.string()).max(3),
      when: z.iso.datetime(),
      email: z.email(),
    });
    expect(toGbnfJsonSchema(toJsonSchema(schema))).toEqual({
      type: "object",
      required: ["name", "n", "kind", "count", "note", "tags", "when", "email"],
      additionalProperties: false,
      properties: {
        name: { type: "string", maxLength: 12, description: "who" },
        n: { oneOf: [{ const: 1 }, { const: 2 }] },
        kind: { enum: ["a", "b"] },
        count: { type: "integer" },
        note: { oneOf: [{ type: "string", maxLength: 5 }, { type: "null" }] },
        tags: { type: "array", maxItems: 3, items: { type: "string" } },
        when: { type: "string", format: "date-time" },
        email: { type: "string" },
      },
    });
  });

  it("keeps $defs and $ref, maps an empty schema to any JSON value and splits structured type lists", () => {
    const converted = toGbnfJsonSchema({
      $defs: { Leaf: { type: "object", properties: { v: {} } } },
      type: ["array", "null"],
      items: { $ref: "#/$defs/Leaf" },
    }) as { oneOf: unknown[]; $defs: Record<string, { properties: { v: { oneOf: unknown[] } } }> };
    expect(converted.oneOf).toEqual([{ type: "array", items: { $ref: "#/$defs/Leaf" } }, { type: "null" }]);
    expect(converted.$defs.Leaf!.properties.v.oneOf).toHaveLength(3);
  });

  it("throws ConfigError for schemas a grammar cannot enforce", () => {
    expect(() => toGbnfJsonSchema({ allOf: [{ type: "string" }, { type: "number" }] })).toThrow(ConfigError);
    expect(() => toGbnfJsonSchema({ type: "date" })).toThrow(ConfigError);
  });
});
