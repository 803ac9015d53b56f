import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ModelOutputError } from "../../config/errors.js";
import { escapeField } from "../escape-data.js";
import { RECONCILE_MEMORY_PROMPT, ReconcileDecisionSchema } from "./reconcile-memory-prompt.js";
import { structuredCall } from "../../providers/structured-call.js";
import type { Reconciler } from "./reconciler-types.js";
import { GUIDANCE_HINT, guidanceBlock, type MemoryGuidance } from "../memory-guidance.js";

const describe = (m: { content: string; type: string; category: string; eventDate?: string | null }): string =>
  escapeField(`${m.content} [${m.type}/${m.category}${m.eventDate ? `, ${m.eventDate.slice(0, 10)}` : ""}]`);

/** Reconciles a new memory against existing ones with the chat model's structured output; short ids keep the model from inventing UUIDs. */
export function createLlmReconciler(model: BaseChatModel, guidance?: MemoryGuidance): Reconciler {
  const decide = structuredCall(model, ReconcileDecisionSchema, "reconcile_memory", "Memory reconciliation");
  const fence = guidanceBlock(guidance);
  const hint = fence ? ` ${GUIDANCE_HINT}` : "";
  return async ({ candidate, existing, now }) => {
    const shortIds = existing.map((_, i) => `m${i + 1}`);
    const listing = existing.map((e, i) => `[${shortIds[i]}] ${describe(e.record)}`).join("\n");
    const { action, targetId, content } = await decide([
      { role: "system", content: RECONCILE_MEMORY_PROMPT.replace("{now}", now.slice(0, 10)) + hint },
      {
        role: "user",
        content: `${fence ? `${fence}\n` : ""}<existing_memories>\n${listing}\n</existing_memories>\n<new_memory>\n${describe(candidate)}\n</new_memory>`,
      },
    ]);
    const index = targetId ? shortIds.indexOf(targetId.trim()) : -1;
    if (targetId && index < 0) throw new ModelOutputError(`Memory reconciliation named an unknown memory "${targetId}"`);
    return { action, targetId: existing[index]?.record.id ?? null, content };
  };
}
