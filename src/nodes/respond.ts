import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { RemoveMessage, SystemMessage } from "@langchain/core/messages";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { InvalidInputError } from "../config/errors.js";
import { contextFromConfig } from "../graph/context.js";
import { latestHumanMessage, shownHistory } from "../graph/message-window.js";
import type { MemoriaStateType, MemoriaUpdate } from "../graph/state.js";
import { TIER_CAPABILITIES } from "../graph/tiers.js";
import { messageText } from "../memory/token-counter.js";
import { checkMessageSize, type MessageLimits } from "./message-limits.js";
import { buildRespondSystemPrompt } from "./respond-prompt.js";

/** Dependencies of the respond node. */
export interface RespondDeps {
  chatModel: BaseChatModel;
  /** The deployment's maximum user message; the run's context may only lower it. */
  messageLimits?: Partial<MessageLimits>;
  clock?: () => Date;
}

/** Creates the node that builds the tier's prompt around the latest user message (history and summary sharing historyTokenBudget) and calls the chat model; tiers that retrieve nothing clear the previous turn's retrieved data, and tiers without history drop every earlier message from state. */
export function createRespondNode(deps: RespondDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    const ctx = contextFromConfig(config);
    const caps = TIER_CAPABILITIES[ctx.tier];
    const human = latestHumanMessage(state.messages);
    if (!human) throw new InvalidInputError("The turn has no user message: send { messages: [{ role: 'user', content: '...' }] }.");
    const text = messageText(human);
    if (!text.trim()) throw new InvalidInputError("The user message is empty.");
    const tokens = checkMessageSize(text, ctx, deps.messageLimits);
    const shown = caps.history
      ? shownHistory(state.messages, state.summary, ctx.historyTokenBudget, tokens)
      : { history: [human], summary: "" };
    const system = buildRespondSystemPrompt({
      now: ctx.now ?? (deps.clock?.() ?? new Date()).toISOString(),
      staticProfile: caps.staticProfile ? ctx.profile : undefined,
      userProfile: caps.semantic ? state.userProfile : undefined,
      entities: caps.entities ? state.entities : [],
      memories: caps.semantic ? state.memories : [],
      summary: shown.summary,
    });
    const reply = await deps.chatModel.invoke([new SystemMessage(system), ...shown.history], config);
    const retrieved = caps.entities || caps.semantic;
    const cleared = retrieved ? {} : { memories: [], entities: [], userProfile: "" };
    if (caps.history) return { messages: [reply], ...cleared };
    const stale = state.messages.filter((m) => m !== human && m.id).map((m) => new RemoveMessage({ id: m.id! }));
    return { messages: [...stale, reply], ...cleared };
  };
}
