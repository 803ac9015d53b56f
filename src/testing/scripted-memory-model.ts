import type { BaseMessage } from "@langchain/core/messages";
import { messageText } from "../memory/token-counter.js";
import { ScriptedChatModel, type ScriptedStructured } from "../providers/scripted-chat-model.js";
import { parseReconcilePrompt, scriptedReconcile } from "./scripted-reconcile.js";

/** Gold annotations the scripted extractor returns when a user message contains a trigger phrase. */
export interface ScriptedMemoryRule {
  when: string;
  memories?: { content: string; type: "fact" | "preference" | "task"; category: string; importance: number }[];
  entities?: { name: string; kind: string; attributes: Record<string, string> }[];
}

const lastUserText = (messages: BaseMessage[]): string => messageText(messages.at(-1)!);

/** A scripted chat model that echoes replies and extracts memories and entities by rule, recording every prompt. */
export function scriptedMemoryModel(rules: ScriptedMemoryRule[]): ScriptedChatModel {
  return new ScriptedChatModel({
    reply: (messages) => `Noted: ${lastUserText(messages).slice(0, 40)}`,
    structured: scriptedExtraction(rules),
  });
}

/** The structured-output answers of scriptedMemoryModel: memories and entities by rule; reconciliation adds a new fact and keeps one already known (scriptedReconcile). */
export function scriptedExtraction(rules: ScriptedMemoryRule[]): ScriptedStructured {
  const matching = (messages: BaseMessage[]) => rules.filter((r) => lastUserText(messages).includes(r.when));
  return (tool, messages) => {
    const hits = matching(messages);
    if (tool === "extract_memories") return { memories: hits.flatMap((r) => r.memories ?? []).map((m) => ({ ...m, eventDate: null })) };
    if (tool === "extract_entities") {
      return {
        entities: hits
          .flatMap((r) => r.entities ?? [])
          .map((e) => ({ ...e, attributes: Object.entries(e.attributes).map(([key, value]) => ({ key, value })) })),
      };
    }
    if (tool === "reconcile_memory") return scriptedReconcile(parseReconcilePrompt(messages));
    throw new Error(`unexpected tool ${tool}`);
  };
}

/** The system prompt of the reply call made most recently. */
export function lastReplySystemPrompt(model: ScriptedChatModel): string {
  const call = [...model.log.calls].reverse().find((c) => !c.tool);
  return call ? messageText(call.messages[0]!) : "";
}

/** The messages of the reply call made most recently. */
export function lastReplyMessages(model: ScriptedChatModel): BaseMessage[] {
  return [...model.log.calls].reverse().find((c) => !c.tool)?.messages ?? [];
}
