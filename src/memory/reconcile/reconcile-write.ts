import { randomUUID } from "node:crypto";
import { ModelUnavailableError } from "../../config/errors.js";
import type { Logger } from "../../config/logger.js";
import type { NearMemory, MemoryRows } from "../records/chroma/memory-rows.js";
import { contentHash, wordOverlap } from "../content-hash.js";
import { FIELD_LIMITS } from "../field-limits.js";
import type { MemorySource, WriteOutcome } from "../interfaces.js";
import type { HistoryActor, HistoryLog } from "../ledger/history-log.js";
import { MemoryAction, type MemoryRecord, type NewMemory } from "../types.js";
import type { ReconcileDecision, Reconciler, ResolvedDecision } from "./reconciler-types.js";

/** Everything one reconciled write needs; the caller holds the user's lock. */
export interface ReconcileWriteContext {
  rows: MemoryRows;
  reconciler: Reconciler;
  history?: HistoryLog;
  logger: Logger;
  /** Similarity at or above which a candidate is a near-exact duplicate (no model call)... */
  duplicateThreshold: number;
  /** ...provided its wording also overlaps this much (so "lives in Paris" vs "lives in Berlin" still reaches the reconciler). */
  duplicateWordOverlap: number;
  /** How many similar current memories the reconciler sees. */
  candidates: number;
  /** Similar memories below this similarity are not shown to the reconciler. */
  minSimilarity: number;
  actor: HistoryActor;
  /** Id of each new memory (default: a random UUID). */
  newId?: () => string;
}

/** A new memory record from a candidate. */
export function newRecord(userId: string, memory: NewMemory, source: MemorySource, at: string, id: string = randomUUID()): MemoryRecord {
  return {
    id,
    userId,
    content: memory.content,
    type: memory.type,
    category: memory.category,
    importance: memory.importance,
    createdAt: at,
    updatedAt: at,
    lastAccessedAt: null,
    accessCount: 0,
    source,
    kind: memory.kind === "episode" ? "episode" : "fact",
    eventDate: memory.eventDate ?? null,
    subject: memory.subject ?? null,
    validFrom: at,
    validUntil: null,
    ...(memory.metadata && Object.keys(memory.metadata).length ? { metadata: memory.metadata } : {}),
    ...(memory.expiresAt ? { expiresAt: memory.expiresAt } : {}),
    ...(memory.agentId ? { agentId: memory.agentId } : {}),
    ...(memory.runId ? { runId: memory.runId } : {}),
  };
}

async function similarCurrent(
  ctx: ReconcileWriteContext,
  userId: string,
  memory: NewMemory,
  vector: number[],
): Promise<{ top?: NearMemory; shown: NearMemory[] }> {
  const near = await ctx.rows.nearest(vector, { userId, current: true, kind: "fact" }, Math.max(1, ctx.candidates));
  const shown = near.filter((n) => n.similarity >= ctx.minSimilarity);
  const hint = memory.supersedes ? contentHash(memory.supersedes) : undefined;
  if (hint && !shown.some((n) => contentHash(n.record.content) === hint)) {
    const [hinted] = await ctx.rows.find({ userId, current: true, kind: "fact", contentHash: hint }, 1);
    if (hinted) shown.push({ record: hinted, similarity: near.find((n) => n.record.id === hinted.id)?.similarity ?? 0 });
  }
  return { top: near[0], shown };
}

/** Checks a reconciler's decision against the memories it was shown and resolves its target; throws when it names none or an unknown one. */
function resolveDecision(decision: ReconcileDecision, shown: NearMemory[]): ResolvedDecision {
  const action = MemoryAction.safeParse(decision.action);
  if (!action.success) throw new Error(`unknown action ${String(decision.action)}`);
  const target = decision.targetId ? shown.find((n) => n.record.id === decision.targetId)?.record : undefined;
  if (decision.targetId && !target) throw new Error(`${action.data} names memory ${decision.targetId}, which was not among the candidates`);
  if (action.data === "UPDATE" && (decision.content?.length ?? 0) > FIELD_LIMITS.content) {
    throw new Error(`UPDATE content is ${decision.content?.length} characters, over the limit of ${FIELD_LIMITS.content}`);
  }
  if (action.data === "ADD") return { action: "ADD" };
  if (action.data === "NONE") return { action: "NONE", target };
  if (!target) throw new Error(`${action.data} without a target memory`);
  return action.data === "UPDATE" ? { action: "UPDATE", target, content: decision.content } : { action: action.data, target };
}

/** Writes one candidate memory: exact and near-exact duplicates are caught first, otherwise the reconciler decides and the decision is applied. */
export async function reconcileWrite(
  ctx: ReconcileWriteContext,
  userId: string,
  memory: NewMemory,
  source: MemorySource,
  at: string,
): Promise<WriteOutcome> {
  const [exact] = await ctx.rows.find({ userId, current: true, kind: "fact", contentHash: contentHash(memory.content) }, 1);
  if (exact) return { action: "NONE", id: exact.id, content: memory.content };
  const vector = await ctx.rows.embed(memory.content);
  const { top, shown } = await similarCurrent(ctx, userId, memory, vector);
  if (
    top &&
    !memory.supersedes &&
    top.similarity >= ctx.duplicateThreshold &&
    wordOverlap(top.record.content, memory.content) >= ctx.duplicateWordOverlap
  ) {
    return { action: "NONE", id: top.record.id, content: memory.content };
  }
  let decision: ResolvedDecision = { action: "ADD" };
  if (shown.length > 0) {
    try {
      decision = resolveDecision(await ctx.reconciler({ userId, candidate: memory, existing: shown, now: at }), shown);
    } catch (error) {
      if (error instanceof ModelUnavailableError) throw error;
      const message = (error as Error).message;
      ctx.logger.warn(`reconcile: kept memory unchanged for "${memory.content.slice(0, 60)}" (${message})`, error);
      return { action: "NONE", content: memory.content, error: message };
    }
  }
  return applyDecision(ctx, { userId, memory, source, at, vector, decision });
}

async function applyDecision(
  ctx: ReconcileWriteContext,
  d: { userId: string; memory: NewMemory; source: MemorySource; at: string; vector: number[]; decision: ResolvedDecision },
): Promise<WriteOutcome> {
  const { userId, memory, at, decision } = d;
  const event = { userId, actor: ctx.actor, threadId: d.source.threadId ?? null, at };
  if (decision.action === "NONE") return { action: "NONE", id: decision.target?.id, content: memory.content };
  if (decision.action === "DELETE") {
    const { target } = decision;
    await ctx.rows.remove([target.id], userId);
    await ctx.history?.recordDeletion({ ...event, memoryId: target.id, relatedId: null });
    return { action: "DELETE", id: target.id, content: memory.content };
  }
  if (decision.action === "UPDATE") {
    const { target } = decision;
    const content = decision.content?.trim() || memory.content;
    const updated: MemoryRecord = {
      ...target,
      content,
      importance: Math.max(target.importance, memory.importance),
      eventDate: memory.eventDate ?? target.eventDate ?? null,
      subject: target.subject ?? memory.subject ?? null,
      ...(memory.metadata ? { metadata: { ...target.metadata, ...memory.metadata } } : {}),
      updatedAt: at,
    };
    await ctx.rows.put([updated]);
    await ctx.history?.record([{ ...event, memoryId: updated.id, action: "UPDATE", relatedId: null, content }]);
    return { action: "UPDATE", id: updated.id, content };
  }
  const record = newRecord(userId, memory, d.source, at, ctx.newId?.());
  if (decision.action === "SUPERSEDE") {
    const { target } = decision;
    await ctx.rows.patch([{ ...target, validUntil: at, updatedAt: at }]);
    await ctx.rows.put([record], [d.vector]);
    await ctx.history?.record([
      { ...event, memoryId: target.id, action: "SUPERSEDED", relatedId: record.id, content: target.content },
      { ...event, memoryId: record.id, action: "SUPERSEDE", relatedId: target.id, content: record.content },
    ]);
    return { action: "SUPERSEDE", id: record.id, replacedId: target.id, content: record.content };
  }
  await ctx.rows.put([record], [d.vector]);
  ctx.history?.record([{ ...event, memoryId: record.id, action: "ADD", relatedId: null, content: record.content }]);
  return { action: "ADD", id: record.id, content: record.content };
}
