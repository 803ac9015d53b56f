import type { BaseMessage } from "@langchain/core/messages";
import { MessagesZodMeta, type Messages } from "@langchain/langgraph";
import { registry } from "@langchain/langgraph/zod";
import { z } from "zod";
import { EntityStatus, MemoryKind } from "../memory/types.js";

/** A long-term memory as placed in state for this turn. */
export const RetrievedMemorySchema = z.object({
  id: z.string(),
  content: z.string(),
  type: z.string(),
  category: z.string(),
  importance: z.number(),
  score: z.number(),
  why: z.string(),
  eventDate: z.string().nullish(),
  validUntil: z.string().nullish(),
  /** "episode" for a stored exchange; absent for an extracted fact. */
  kind: MemoryKind.optional(),
  /** The thread an episode was said in, for grouping. */
  threadId: z.string().nullish(),
  /** Ids of the thread messages the memory came from (an episode's exchange, or the exchange a fact was extracted from). */
  messageIds: z.array(z.string()).optional(),
});
/** A long-term memory as placed in state for this turn. */
export type RetrievedMemory = z.infer<typeof RetrievedMemorySchema>;

/** An entity as placed in state for this turn. */
export const RetrievedEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  attributes: z.record(z.string(), z.string()),
  status: EntityStatus.optional(),
});
/** An entity as placed in state for this turn. */
export type RetrievedEntity = z.infer<typeof RetrievedEntitySchema>;

const MessageLike = z.object({ type: z.string().optional(), role: z.string().optional(), content: z.unknown() }).loose();

// Message instances pass through unparsed; the JSON schema (for Studio) describes the wire form.
const messagesMeta = { ...MessagesZodMeta, reducer: { ...MessagesZodMeta.reducer, schema: z.union([MessageLike, z.array(MessageLike)]) } };
const messages = (z.array(z.any()) as unknown as z.ZodType<BaseMessage[], BaseMessage[]>).register(
  registry,
  messagesMeta as unknown as typeof MessagesZodMeta,
);
const memories = z.array(RetrievedMemorySchema).register(registry, { default: () => [] });
const entities = z.array(RetrievedEntitySchema).register(registry, { default: () => [] });
const userProfile = z.string().register(registry, { default: () => "" });

/** Graph state: the thread's messages, the running summary, and what was retrieved for this turn. */
export const MemoriaState = z.object({
  messages,
  summary: z.string().register(registry, { default: () => "" }),
  memories,
  entities,
  userProfile,
});

/** What a run accepts: new messages only; summary and retrieved context are internal and ignored if sent. */
export const MemoriaInput = z.object({ messages });

/** What a run returns: the thread's messages and what was used for this turn's reply. */
export const MemoriaOutput = z.object({ messages, memories, entities, userProfile });

/** Full graph state. */
export type MemoriaStateType = z.output<typeof MemoriaState>;
/** A partial state update a node returns. */
export type MemoriaUpdate = { messages?: Messages } & Partial<Omit<MemoriaStateType, "messages">>;
