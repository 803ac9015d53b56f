import type { BaseMessage } from "@langchain/core/messages";
import type { Logger } from "../../src/config/logger.js";
import { messageText } from "../../src/memory/token-counter.js";
import { LocalEmbeddings } from "../../src/providers/local-embeddings.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";
import { parseReconcilePrompt, type ReconcileView } from "../../src/testing/scripted-reconcile.js";

export { parseReconcilePrompt, type ReconcileView };

/** A memory the scripted extractor returns. */
export interface ScriptedFact {
  content: string;
  type?: "fact" | "preference" | "task";
  category?: string;
  importance?: number;
  eventDate?: string | null;
}

const lastText = (messages: BaseMessage[]): string => messageText(messages.at(-1)!);

/** A scripted model: extraction by trigger phrase (a function may vary the output per call), reconciliation by a callback. */
export function memoryModel(options: {
  extract: (userText: string) => ScriptedFact[];
  reconcile?: (view: ReconcileView) => unknown;
}): ScriptedChatModel {
  return new ScriptedChatModel({
    reply: (messages) => `Noted: ${lastText(messages).slice(0, 30)}`,
    structured: (tool, messages) => {
      if (tool === "extract_memories") {
        const facts = options.extract(lastText(messages));
        return { memories: facts.map((f) => ({ type: "fact", category: "other", importance: 0.6, eventDate: null, ...f })) };
      }
      if (tool === "extract_entities") return { entities: [] };
      if (tool === "reconcile_memory")
        return (options.reconcile ?? (() => ({ action: "ADD", targetId: null, content: null })))(parseReconcilePrompt(messages));
      throw new Error(`unexpected tool ${tool}`);
    },
  });
}

/** Reconcile prompts the model was sent so far. */
export function reconcileCalls(model: ScriptedChatModel): ReconcileView[] {
  return model.log.calls.filter((c) => c.tool === "reconcile_memory").map((c) => parseReconcilePrompt(c.messages));
}

/** The offline GloVe embedder with its cache shared across test runs. */
export function gloveEmbedder(): LocalEmbeddings {
  return new LocalEmbeddings();
}

/** A logger that keeps what it is told. */
export function captureLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => void warnings.push(message), info: () => {} };
}
