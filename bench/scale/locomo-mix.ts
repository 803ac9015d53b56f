import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { turnDoc } from "../../evals/locomo/improved.js";
import { loadLocomo } from "../../evals/locomo/load-locomo.js";
import { sessionDateIso } from "../../evals/locomo/ingest-locomo.js";
import type { AddManyItem } from "../../src/memory/api/memory-api-types.js";

/** Where the LoCoMo dev set is expected, next to the project. */
export const LOCOMO_PATH = resolve("../shared/datasets/locomo/locomo-dev.json");

/** The turns of one real conversation as addMany items (as the LoCoMo harness stores them) and its questions. */
export interface RealConversation {
  sampleId: string;
  items: AddManyItem[];
  questions: string[];
}

/** The first LoCoMo conversation, or undefined when the data set is absent. */
export async function loadRealConversation(path = LOCOMO_PATH): Promise<RealConversation | undefined> {
  if (!existsSync(path)) return undefined;
  const [conv] = await loadLocomo(path);
  if (!conv) return undefined;
  return {
    sampleId: conv.sampleId,
    items: conv.turns.map((turn) => ({
      text: turnDoc(turn).text,
      metadata: {
        type: "fact",
        category: "conversation",
        eventDate: sessionDateIso(turn.date),
        messageIds: [turn.id],
        threadId: `locomo-session-${turn.session}`,
        subject: turn.speaker,
      },
    })),
    questions: conv.questions.map((q) => q.question),
  };
}
