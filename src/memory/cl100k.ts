import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";
import { DependencyVersionError } from "../config/errors.js";

let encoder: Tiktoken | undefined;

/** The process's one cl100k_base encoder (bundled ranks, no network), built on first use. */
export function cl100kEncoder(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100k_base));
}

/** The cl100k_base pre-tokenizer pattern (the pieces byte-pair merging works within). */
export const CL100K_PIECES = cl100k_base.pat_str;

/** The encoder's token bytes by rank: js-tiktoken 1.0's internal `textMap` (DependencyVersionError when this js-tiktoken has none). */
export function cl100kTokenBytes(): Map<number, Uint8Array> {
  const textMap = (cl100kEncoder() as unknown as { textMap?: unknown }).textMap;
  if (!(textMap instanceof Map))
    throw new DependencyVersionError(
      "This js-tiktoken's Tiktoken has no textMap (memoria's token counter was tested with js-tiktoken 1.0.21).",
    );
  return textMap as Map<number, Uint8Array>;
}
