import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";
import { describe, expect, it } from "vitest";
import { bpeTokenCount, MAX_PIECE_BYTES } from "../../src/memory/bpe-count.js";
import { countTokens } from "../../src/memory/token-counter.js";

const utf8 = new TextEncoder();

/** A small seeded generator, so every run builds the same non-repeating texts (a cache could not hide their cost). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const pick = (r: () => number, chars: string): string => chars[Math.floor(r() * chars.length)]!;
const run = (r: () => number, n: number, from: number, span: number) =>
  Array.from({ length: n }, () => String.fromCodePoint(from + Math.floor(r() * span))).join("");
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const WORDS =
  "the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part".split(
    " ",
  );
/** Bound on any shape's time per MB over plain text's (measured worst 8-16 on a loaded 2-core machine; before the fix, 4-byte letters and CJK ran far over it). */
const RATIO_BOUND = 40;
const EMOJI = [0x1f600, 0x1f44d, 0x1f389, 0x2764, 0x1f525, 0x1f680, 0x1f30d, 0x1f914];

/** Texts of about `chars` characters, built unit by unit from a seeded generator. */
const SHAPES: Record<string, (r: () => number) => string> = {
  plain: (r) => `${WORDS[Math.floor(r() * WORDS.length)]}${r() < 0.08 ? ". " : " "}`,
  "a×40 + digit": (r) => run(r, 40, 97, 26) + pick(r, "0123456789"),
  "repeated short runs": (r) => pick(r, LOWER) + pick(r, LOWER) + pick(r, "0123456789"),
  "no spaces": (r) => WORDS[Math.floor(r() * WORDS.length)]! + (r() < 0.04 ? "," : ""),
  emoji: (r) => String.fromCodePoint(EMOJI[Math.floor(r() * EMOJI.length)]!) + pick(r, LOWER) + pick(r, LOWER),
  "mixed scripts": (r) => run(r, 8, 97, 26) + run(r, 8, 0x430, 32) + run(r, 8, 0x3b1, 24) + run(r, 8, 0x4e00, 3000) + run(r, 2, 0x660, 10),
  "CJK ×40 + 。": (r) => `${run(r, 40, 0x4e00, 3000)}。`,
  "4-byte letters ×40 + digit": (r) => run(r, 40, 0x20000, 5000) + pick(r, "0123456789"),
  "emoji ×40 + letter": (r) =>
    Array.from({ length: 40 }, () => String.fromCodePoint(EMOJI[Math.floor(r() * EMOJI.length)]!)).join("") + pick(r, LOWER),
  "symbols ×40 + letter": (r) => run(r, 40, 0x21, 14) + pick(r, LOWER),
  "newlines ×40 + letter": (r) => "\n".repeat(40) + pick(r, LOWER),
};

function build(shape: (r: () => number) => string, chars: number, seed: number): string {
  const r = rng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const unit = shape(r);
    parts.push(unit);
    length += unit.length;
  }
  return parts.join("");
}

/** Median milliseconds of three counts of the text. */
function timeCount(text: string): number {
  const times = [0, 1, 2].map(() => {
    const start = performance.now();
    countTokens(text);
    return performance.now() - start;
  });
  return times.sort((a, b) => a - b)[1]!;
}

describe("token counting stays linear on every input shape", () => {
  it("counts exactly what js-tiktoken's encode counts, for ordinary pieces", () => {
    const encoder = new Tiktoken(cl100k_base);
    const r = rng(7);
    let compared = 0;
    for (const [name, shape] of Object.entries(SHAPES)) {
      const pieces = build(shape, 2_000, 11).match(new RegExp(cl100k_base.pat_str, "gu"))!;
      const ordinary = pieces.filter((p) => utf8.encode(p).length <= MAX_PIECE_BYTES && r() < 0.3);
      compared += ordinary.length;
      expect(
        ordinary.map((p) => bpeTokenCount(p)),
        name,
      ).toEqual(ordinary.map((p) => encoder.encode(p, [], []).length));
    }
    expect(compared).toBeGreaterThan(500);
    expect(countTokens("The quick brown fox jumps over the lazy dog.")).toBe(10);
  });

  it("time per MB of every adversarial shape is within a bounded multiple of plain text's", () => {
    const CHARS = 200_000;
    countTokens(build(SHAPES.plain!, CHARS / 4, 1));
    const perByte = (ms: number, text: string) => ms / utf8.encode(text).length;
    const plain = build(SHAPES.plain!, CHARS, 2);
    const baseline = perByte(timeCount(plain), plain);
    const ratios: Record<string, number> = {};
    for (const [name, shape] of Object.entries(SHAPES)) {
      const text = build(shape, CHARS, 3);
      ratios[name] = Math.round((perByte(timeCount(text), text) / baseline) * 10) / 10;
    }
    console.log(`plain text: ${(baseline * 1e6).toFixed(0)} ms per MB; time per MB of each shape / plain text's:`, ratios);
    for (const [name, ratio] of Object.entries(ratios)) expect(ratio, `${name}: time per MB vs plain text`).toBeLessThan(RATIO_BOUND);
  });
});
