import { describe, expect, it } from "vitest";
import { bpeTokenCount } from "../../src/memory/bpe-count.js";
import { capTokensKeepEnd } from "../../src/memory/cap-tokens.js";
import { cl100kEncoder, cl100kTokenBytes } from "../../src/memory/cl100k.js";
import { countTokens } from "../../src/memory/token-counter.js";

const text = "Maya is a nurse in Lisbon; she moved there in 2021 and works nights at the children's hospital. ".repeat(20);

describe("one cl100k encoder", () => {
  it("is built once and shared, and its token bytes by rank are readable (the fenced js-tiktoken internal)", () => {
    expect(cl100kEncoder()).toBe(cl100kEncoder());
    const [rank] = cl100kEncoder().encode(" nurse");
    expect(cl100kEncoder().encode(" nurse")).toHaveLength(1);
    expect(new TextDecoder().decode(cl100kTokenBytes().get(rank!))).toBe(" nurse");
  });

  it("counting, the linear counter and capping agree on the same tokens", () => {
    const tokens = cl100kEncoder().encode(text);
    expect(bpeTokenCount(text)).toBe(tokens.length);
    expect(countTokens(text)).toBe(tokens.length);
    const capped = capTokensKeepEnd(text, 50);
    expect(cl100kEncoder().encode(capped).length).toBeLessThanOrEqual(50);
    expect(text.endsWith(capped)).toBe(true);
    expect(capTokensKeepEnd(text, tokens.length)).toBe(text);
  });
});
