import { AsyncLocalStorage } from "node:async_hooks";
import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import { ensureConfig, type RunnableConfig } from "@langchain/core/runnables";
import type { MemoryApi } from "../memory/api/memory-api.js";
import type { ApiSearchOptions } from "../memory/api/memory-api-types.js";
import { DEFAULTS } from "../memory/defaults.js";
import { parseFilter } from "../memory/filters/parse-filter.js";
import type { ScoredMemory } from "../memory/types.js";
import { checkUserId, userIdFromRunConfig } from "./run-user.js";

/** Options of MemoriaRetriever. */
export interface MemoriaRetrieverInput extends BaseRetrieverInput {
  api: Pick<MemoryApi, "search">;
  /** A fixed user; when absent, each call reads `context.userId` or `configurable.userId` from its run config (or the enclosing LangGraph run's). */
  userId?: string;
  /** How many memories to return (default DEFAULTS.searchLimit, like api.search). */
  k?: number;
  minScore?: number;
  filters?: ApiSearchOptions["filters"];
}

/** Metadata of each Document the retriever returns. */
export interface MemoryDocumentMetadata {
  id: string;
  userId: string;
  score: number;
  similarity: number;
  why: string;
  /** "fact" for an extracted memory, "episode" for a stored exchange. */
  kind: string;
  type: string;
  category: string;
  importance: number;
  subject: string | null;
  eventDate: string | null;
  createdAt: string;
  threadId: string | null;
  messageIds: string[];
}

/** A memory as a LangChain Document: its text as pageContent, scores, why and ids in metadata. */
export function memoryToDocument(m: ScoredMemory): Document<MemoryDocumentMetadata> {
  const metadata: MemoryDocumentMetadata = {
    id: m.id,
    userId: m.userId,
    score: m.score,
    similarity: m.similarity,
    why: m.why,
    kind: m.kind ?? "fact",
    type: m.type,
    category: m.category,
    importance: m.importance,
    subject: m.subject ?? null,
    eventDate: m.eventDate ?? null,
    createdAt: m.createdAt,
    threadId: m.source.threadId ?? null,
    messageIds: m.source.messageIds ?? [],
  };
  return new Document({ pageContent: m.content, metadata, id: m.id });
}

/** A LangChain retriever over one user's memoria memories (hybrid search). */
export class MemoriaRetriever extends BaseRetriever<MemoryDocumentMetadata> {
  static override lc_name(): string {
    return "MemoriaRetriever";
  }

  override lc_namespace = ["memoria", "retrievers"];
  private readonly api: Pick<MemoryApi, "search">;
  private readonly userId?: string;
  private readonly k: number;
  private readonly minScore?: number;
  private readonly filters?: ApiSearchOptions["filters"];
  private readonly currentUser = new AsyncLocalStorage<string>();

  constructor(fields: MemoriaRetrieverInput) {
    super(fields);
    this.api = fields.api;
    this.userId = fields.userId === undefined ? undefined : checkUserId(fields.userId, "the constructor");
    this.k = fields.k ?? DEFAULTS.searchLimit;
    this.minScore = fields.minScore;
    parseFilter(fields.filters, "retriever filters");
    this.filters = fields.filters;
  }

  override invoke(input: string, options?: RunnableConfig): Promise<Document<MemoryDocumentMetadata>[]> {
    const userId = this.userId ?? userIdFromRunConfig(ensureConfig(options));
    return this.currentUser.run(userId, () => super.invoke(input, options));
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<MemoryDocumentMetadata>[]> {
    const userId = this.currentUser.getStore() ?? this.userId ?? userIdFromRunConfig(undefined);
    const memories = await this.api.search(query, { userId, limit: this.k, minScore: this.minScore, filters: this.filters });
    return memories.map(memoryToDocument);
  }
}
