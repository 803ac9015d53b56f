import { cl100kEncoder } from "./cl100k.js";

/** The text cut to at most `maxTokens` cl100k_base tokens, keeping its end (the newest part of a running summary). */
export function capTokensKeepEnd(text: string, maxTokens: number): string {
  const encoder = cl100kEncoder();
  const tokens = encoder.encode(text, [], []);
  if (tokens.length <= maxTokens) return text;
  const kept = encoder.decode(tokens.slice(tokens.length - maxTokens));
  return kept.replace(/^\uFFFD+/, "").trimStart();
}
