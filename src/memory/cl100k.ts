import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";

let encoder: Tiktoken | undefined;

/** The process's one cl100k_base encoder (bundled ranks, no network), built on first use. */
export function cl100kEncoder(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100k_base));
}

/** The cl100k_base pre-tokenizer pattern (the pieces byte-pair merging works within). */
export const CL100K_PIECES = cl100k_base.pat_str;
