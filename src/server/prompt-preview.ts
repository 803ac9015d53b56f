import { HumanMessage } from "@langchain/core/messages";
import type { MemoriaStateType, RetrievedEntity, RetrievedMemory } from "../graph/state.js";
import type { EntityMemory, LongTermMemory } from "../memory/interfaces.js";
import { countTokens } from "../memory/token-counter.js";
import { buildRespondSystemPrompt } from "../nodes/respond-prompt.js";
import { createRetrieveMemoriesNode, type RetrieveMemoriesDeps } from "../nodes/retrieve-memories.js";

/** What tier A would put in the system prompt for one message, and what it retrieved to build it. */
export interface PromptPreview {
  prompt: string;
  tokens: number;
  memories: RetrievedMemory[];
  entities: RetrievedEntity[];
  userProfile: string;
}

const readOnlyMemory = (m: LongTermMemory): LongTermMemory => ({
  search: (query, options) => m.search(query, options),
  write: (...args) => m.write(...args),
  storeEpisode: (...args) => m.storeEpisode(...args),
  recordAccess: async () => undefined,
  list: (userId) => m.list(userId),
  profile: (userId, options) => m.profile(userId, options),
  deleteUser: (userId) => m.deleteUser(userId),
});

const readOnlyEntities = (e: EntityMemory): EntityMemory => ({
  relevant: (userId, text, limit) => e.relevant(userId, text, limit),
  merge: (...args) => e.merge(...args),
  recordAccess: async () => undefined,
  list: (userId) => e.list(userId),
  deleteUser: (userId) => e.deleteUser(userId),
});

/** Runs tier A's retrieve-memories node for one message (recording no access) and renders the respond node's system prompt, without any model call. */
export async function previewPrompt(
  deps: RetrieveMemoriesDeps,
  userId: string,
  message: string,
  now = new Date().toISOString(),
): Promise<PromptPreview> {
  const retrieve = createRetrieveMemoriesNode({
    ...deps,
    memory: deps.memory && readOnlyMemory(deps.memory),
    entities: deps.entities && readOnlyEntities(deps.entities),
  });
  const state = { messages: [new HumanMessage(message)] } as unknown as MemoriaStateType;
  const found = await retrieve(state, { context: { userId, tier: "A", now } });
  const memories = found.memories ?? [];
  const entities = found.entities ?? [];
  const userProfile = found.userProfile ?? "";
  const prompt = buildRespondSystemPrompt({ now, userProfile, entities, memories });
  return { prompt, tokens: countTokens(prompt), memories, entities, userProfile };
}
