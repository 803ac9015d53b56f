import { MessagesValue, StateSchema } from "@langchain/langgraph";
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

/** Graph state: the thread's messages, the running summary, and what was retrieved for this turn. */
export const MemoriaState = new StateSchema({
  messages: MessagesValue,
  summary: z.string().default(""),
  memories: z.array(RetrievedMemorySchema).default(() => []),
  entities: z.array(RetrievedEntitySchema).default(() => []),
  userProfile: z.string().default(""),
});

/** Full graph state. */
export type MemoriaStateType = typeof MemoriaState.State;
/** A partial state update a node returns. */
export type MemoriaUpdate = typeof MemoriaState.Update;
