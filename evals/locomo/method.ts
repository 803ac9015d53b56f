import type { RetrievalDoc } from "./retriever/hybrid-retriever.js";
import type { LocomoConversation, LocomoTurn } from "./load-locomo.js";

/** One retrieved unit: the dialogue turns it covers and, when it is rendered as something other than those turns, what is shown. */
export interface RetrievedItem {
  ids: string[];
  doc?: RetrievalDoc;
}

/** A method after ingesting one conversation. */
export interface PreparedMethod {
  /** Ranked items for a question, best first. */
  search(question: string, limit: number): Promise<RetrievedItem[]>;
  /** Context lines an LLM would read for a prefix of the ranking. */
  render(items: RetrievedItem[]): string[];
}

/** A retrieval method compared by the LoCoMo harness. */
export interface LocomoMethod {
  name: string;
  description: string;
  prepare(conversation: LocomoConversation): Promise<PreparedMethod>;
  /** What the run should report about how the method stored the data (e.g. long turns stored in parts). */
  notes?(): string[];
  /** Releases what the method opened (stores, servers), when it opened anything. */
  close?(): Promise<void>;
}

/** Text of a turn as indexed: speaker, words and the caption of any shared photo. */
export function turnText(turn: LocomoTurn): string {
  return `${turn.speaker}: ${turn.text}${turn.caption ? ` [shares a photo: ${turn.caption}]` : ""}`;
}

/** One context line per turn, with its session date: the plain rendering the baselines use. */
export function renderTurnLines(turns: Map<string, LocomoTurn>, items: RetrievedItem[]): string[] {
  return items.flatMap((item) =>
    item.ids
      .map((id) => turns.get(id))
      .filter((t) => t !== undefined)
      .map((t) => `(${t.date}) ${turnText(t)}`),
  );
}
