import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { ConfigError } from "../config/errors.js";
import { silentLogger, type Logger } from "../config/logger.js";
import { contextFromConfig } from "../graph/context.js";
import { latestHumanMessage, shownHistory } from "../graph/message-window.js";
import type { MemoriaStateType, MemoriaUpdate, RetrievedMemory } from "../graph/state.js";
import { TIER_CAPABILITIES } from "../graph/tiers.js";
import type { EntityMemory, LongTermMemory } from "../memory/interfaces.js";
import { messageText } from "../memory/token-counter.js";
import { checkMessageSize, type MessageLimits } from "./message-limits.js";
import type { ScoredMemory } from "../memory/types.js";
import { packMemories } from "./memory-budget.js";

/** Dependencies of the retrieve-memories node. */
export interface RetrieveMemoriesDeps {
  memory?: LongTermMemory;
  entities?: EntityMemory;
  /** The deployment's maximum user message; the run's context may only lower it. */
  messageLimits?: Partial<MessageLimits>;
  logger?: Logger;
  clock?: () => Date;
}

function needed<T>(store: T | undefined, message: string): T {
  if (!store) throw new ConfigError(message);
  return store;
}
const toRetrieved = (m: ScoredMemory): RetrievedMemory => ({
  id: m.id,
  content: m.content,
  type: m.type,
  category: m.category,
  importance: m.importance,
  score: m.score,
  why: m.why,
  eventDate: m.eventDate ?? null,
  validUntil: m.validUntil ?? null,
  ...(m.kind === "episode" ? { kind: m.kind, threadId: m.source.threadId ?? null } : {}),
  ...(m.source.messageIds?.length ? { messageIds: m.source.messageIds } : {}),
});

/** Creates the node that fetches the user's relevant memories, learned profile and entities, and queues their use to be recorded off the turn. */
export function createRetrieveMemoriesNode(deps: RetrieveMemoriesDeps) {
  return async (state: MemoriaStateType, config: LangGraphRunnableConfig): Promise<MemoriaUpdate> => {
    const ctx = contextFromConfig(config);
    const caps = TIER_CAPABILITIES[ctx.tier];
    const human = latestHumanMessage(state.messages);
    const query = human ? messageText(human) : "";
    const tokens = checkMessageSize(query, ctx, deps.messageLimits);
    const now = ctx.now ?? (deps.clock?.() ?? new Date()).toISOString();
    const memory = caps.semantic ? needed(deps.memory, `Tier ${ctx.tier} needs a long-term memory store (deps.memory).`) : undefined;
    const entityMemory = caps.entities ? needed(deps.entities, `Tier ${ctx.tier} needs an entity store (deps.entities).`) : undefined;

    const [found, entities] = await Promise.all([
      memory ? memory.search(query, { userId: ctx.userId, limit: ctx.topK, minScore: ctx.minScore, now }) : [],
      entityMemory ? entityMemory.relevant(ctx.userId, query, ctx.entityLimit) : [],
    ]);
    const shown = caps.history ? shownHistory(state.messages, state.summary, ctx.historyTokenBudget, tokens).history : [];
    const shownIds = new Set(shown.flatMap((m) => (m.id ? [m.id] : [])));
    const memories = packMemories(found.map(toRetrieved), ctx.memoryTokenBudget, ctx.topK, shownIds);
    const userProfile = memory
      ? await memory.profile(ctx.userId, { excludeIds: memories.map((m) => m.id), maxItems: ctx.profileItems })
      : "";
    void Promise.all([
      memory?.recordAccess(
        ctx.userId,
        memories.map((m) => m.id),
        now,
      ),
      entityMemory?.recordAccess(
        ctx.userId,
        entities.map((e) => e.id),
        now,
      ),
    ]).catch((error) => (deps.logger ?? silentLogger).warn("could not record memory access", error));

    return {
      userProfile,
      memories,
      entities: entities.map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind,
        attributes: e.attributes,
        ...(e.status === "former" ? { status: e.status } : {}),
      })),
    };
  };
}
