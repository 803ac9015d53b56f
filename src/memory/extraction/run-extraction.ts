import type { EntityMemory, LongTermMemory, MemorySource, WriteOutcome } from "../interfaces.js";
import type { EntityExtractor, ExtractionInput, FactExtractor } from "./extractor-types.js";

/** One unit of post-reply memory work: store an exchange as an episode, or extract facts or entities from it. */
export interface ExtractionJob {
  kind: "facts" | "entities" | "episode";
  input: ExtractionInput;
  source: MemorySource;
}

/** The durable queue extraction jobs go to; `pending` counts a user's jobs still waiting there. */
export interface ExtractionQueue {
  enqueue(job: ExtractionJob): Promise<void>;
  pending?(userId: string): Promise<number>;
}

/** What running extraction jobs needs. */
export interface ExtractionRunners {
  memory?: LongTermMemory;
  factExtractor?: FactExtractor;
  entities?: EntityMemory;
  entityExtractor?: EntityExtractor;
}

/** The scope of an exchange's memories: the run's agent, and its thread as the run (absent ones left out). */
export function turnScope(input: Pick<ExtractionInput, "agentId" | "threadId">): { agentId?: string; runId?: string } {
  return { ...(input.agentId ? { agentId: input.agentId } : {}), ...(input.threadId ? { runId: input.threadId } : {}) };
}

/** Extracts memories from an exchange and writes them (reconciled) to long-term memory. */
export async function storeFacts(memory: LongTermMemory, extractor: FactExtractor, job: ExtractionJob): Promise<WriteOutcome[]> {
  const memories = (await extractor(job.input)).map((m) => ({ ...m, ...turnScope(job.input) }));
  return memories.length ? memory.write(job.input.userId, memories, job.source, job.input.now) : [];
}

/** Extracts entities from an exchange and merges them into entity memory. */
export async function mergeEntities(entities: EntityMemory, extractor: EntityExtractor, job: ExtractionJob): Promise<void> {
  const updates = await extractor(job.input);
  if (updates.length) await entities.merge(job.input.userId, updates, job.input.now);
}

/** Runs one job with the matching store and extractor; a missing one makes the job a no-op. */
export async function runExtractionJob(runners: ExtractionRunners, job: ExtractionJob): Promise<void> {
  if (job.kind === "episode" && runners.memory) {
    const { userId, userMessage, assistantMessage, now } = job.input;
    await runners.memory.storeEpisode(userId, { userMessage, assistantMessage, ...turnScope(job.input) }, job.source, now);
  }
  if (job.kind === "facts" && runners.memory && runners.factExtractor) await storeFacts(runners.memory, runners.factExtractor, job);
  if (job.kind === "entities" && runners.entities && runners.entityExtractor)
    await mergeEntities(runners.entities, runners.entityExtractor, job);
}
