import type { BaseMessage } from "@langchain/core/messages";
import { normalizeText } from "../memory/content-hash.js";
import { messageText } from "../memory/token-counter.js";

/** What the reconcile prompt shows: the new memory and the listed existing ones with their short ids (m1, m2, ...). */
export interface ReconcileView {
  candidate: string;
  existing: { id: string; content: string }[];
}

/** Parses the reconcile prompt the LLM reconciler sends (its last message) into the candidate and the existing memories. */
export function parseReconcilePrompt(messages: BaseMessage[]): ReconcileView {
  const text = messageText(messages.at(-1)!);
  const block = (tag: string) => text.split(`<${tag}>\n`)[1]?.split(`\n</${tag}>`)[0] ?? "";
  const strip = (line: string) => line.replace(/ \[[^\]]*\]$/, "");
  const existing = block("existing_memories")
    .split("\n")
    .flatMap((line) => {
      const m = /^\[(m\d+)\] (.*)$/.exec(line);
      return m ? [{ id: m[1]!, content: strip(m[2]!) }] : [];
    });
  return { candidate: strip(block("new_memory")), existing };
}

/**
 * A sensible scripted reconcile decision: NONE naming an existing memory that already says the new one (its words, case and
 * punctuation aside, appear in it in order: "User is vegetarian" in "User is vegetarian and avoids fish"), else ADD.
 */
export function scriptedReconcile(view: ReconcileView): { action: "ADD" | "NONE"; targetId: string | null; content: null } {
  const candidate = ` ${normalizeText(view.candidate)} `;
  const same = view.existing.find((e) => ` ${normalizeText(e.content)} `.includes(candidate));
  return same ? { action: "NONE", targetId: same.id, content: null } : { action: "ADD", targetId: null, content: null };
}
