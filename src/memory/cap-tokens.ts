import { Tiktoken } from "js-tiktoken/lite";
import cl100k_base from "js-tiktoken/ranks/cl100k_base";

let encoder: Tiktoken | undefined;

/** The text cut to at most `maxTokens` cl100k_base tokens, keeping its end (the newest part of a running summary). */
export function capTokensKeepEnd(text: string, maxTokens: number): string {
  encoder ??= new Tiktoken(cl100k_base);
  const tokens = encoder.encode(text, [], []);
  if (tokens.length <= maxTokens) return text;
  const kept = encoder.decode(tokens.slice(tokens.length - maxTokens));
  return kept.replace(/^\uFFFD+/, "").trimStart();
}
