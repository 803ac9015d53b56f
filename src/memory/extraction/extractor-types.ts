import type { BaseMessage } from "@langchain/core/messages";
import type { EntityUpdate, NewMemory } from "../types.js";

/** One exchange handed to the extractors. */
export interface ExtractionInput {
  userId: string;
  userMessage: string;
  assistantMessage?: string;
  /** ISO time of the turn, for resolving relative dates. */
  now: string;
  threadId?: string;
  messageId?: string;
  /** The run's agent scope; memories written from this exchange carry it, and the thread id as their runId. */
  agentId?: string;
}

/** Turns an exchange into memories worth keeping. */
export type FactExtractor = (input: ExtractionInput) => Promise<NewMemory[]>;

/** Turns an exchange into entity updates. */
export type EntityExtractor = (input: ExtractionInput) => Promise<EntityUpdate[]>;

/** Folds older messages into the running summary. */
export type Summarizer = (input: { previousSummary: string; messages: BaseMessage[] }) => Promise<string>;
