import { silentLogger } from "../../config/logger.js";
import { DEFAULTS } from "../defaults.js";
import { decayRecord, type DecayOptions } from "../decay.js";
import type { AccessCount } from "./access-batcher.js";
import type { MemorySource, WriteOutcome } from "../interfaces.js";
import type { HistoryActor } from "../ledger/history-log.js";
import { reconcileWrite, type ReconcileWriteContext } from "../reconcile/reconcile-write.js";
import type { Reconciler } from "../reconcile/reconciler-types.js";
import { sanitizeNewMemory } from "../sanitize-output.js";
import type { MemoryRecord, NewMemory } from "../types.js";
import type { MemoryPatch } from "./chroma-memory-store-options.js";
import type { MemoryStoreParts } from "./memory-store-parts.js";

/** ChromaMemoryStore.write, under the user's lock: each sanitized memory reconciled against the user's similar ones. */
export async function writeReconciled(
  parts: MemoryStoreParts,
  reconciler: Reconciler,
  userId: string,
  memories: NewMemory[],
  source: MemorySource,
  at: string,
  actor: HistoryActor,
): Promise<WriteOutcome[]> {
  const { options } = parts;
  const ctx: ReconcileWriteContext = {
    rows: parts.rows,
    reconciler,
    history: parts.history,
    logger: options.logger ?? silentLogger,
    duplicateThreshold: options.duplicateThreshold ?? DEFAULTS.reconcile.duplicateThreshold,
    duplicateWordOverlap: options.duplicateWordOverlap ?? DEFAULTS.reconcile.duplicateWordOverlap,
    candidates: options.reconcileCandidates ?? DEFAULTS.reconcile.candidates,
    minSimilarity: options.reconcileMinSimilarity ?? DEFAULTS.reconcile.minSimilarity,
    actor,
    newId: options.newId,
  };
  const outcomes: WriteOutcome[] = [];
  for (const memory of memories) {
    const checked = sanitizeNewMemory(memory, ctx.logger);
    if (checked) outcomes.push(await reconcileWrite(ctx, userId, checked, source, at));
  }
  return outcomes;
}

const getOne = async (parts: MemoryStoreParts, id: string) => (await parts.rows.byIds([id]))[0];

/** ChromaMemoryStore.update: changes a memory in place (re-embedding when the text changes); undefined if it does not exist. */
export async function updateMemory(
  parts: MemoryStoreParts,
  id: string,
  patch: MemoryPatch,
  now?: string,
): Promise<MemoryRecord | undefined> {
  const existing = await getOne(parts, id);
  if (!existing) return undefined;
  return parts.lock.run(existing.userId, async () => {
    const current = await getOne(parts, id);
    if (!current) return undefined;
    const at = parts.now(now);
    const { metadata, ...fields } = patch;
    const next: MemoryRecord = { ...current, ...fields, content: patch.content?.trim() || current.content, updatedAt: at };
    if (metadata === null) delete next.metadata;
    else if (metadata) next.metadata = metadata;
    await (next.content === current.content ? parts.rows.patch([next]) : parts.rows.put([next]));
    await parts.history?.record([
      { memoryId: id, userId: next.userId, action: "UPDATE", relatedId: null, content: next.content, actor: "api", threadId: null, at },
    ]);
    return next;
  });
}

/** ChromaMemoryStore.remove: deletes one memory and erases its text from the history; whether it existed. */
export async function removeMemory(parts: MemoryStoreParts, id: string, now?: string): Promise<boolean> {
  const existing = await getOne(parts, id);
  if (!existing) return false;
  return parts.lock.run(existing.userId, async () => {
    await parts.rows.remove([id], existing.userId);
    await parts.history?.recordDeletion({
      memoryId: id,
      userId: existing.userId,
      relatedId: null,
      actor: "api",
      threadId: null,
      at: parts.now(now),
    });
    return true;
  });
}

/** ChromaMemoryStore.decay: lowers the importance of the user's memories left untouched; how many changed. */
export function decayMemories(parts: MemoryStoreParts, userId: string, options: DecayOptions & { now?: string }): Promise<number> {
  return parts.lock.run(userId, async () => {
    const at = parts.now(options.now);
    const changed = (await parts.rows.find({ userId, current: true })).flatMap((r) => decayRecord(r, at, options) ?? []);
    await parts.rows.patch(changed);
    return changed.length;
  });
}

/** Adds batched access counts to the user's memories, under the user's lock. */
export function applyAccess(parts: MemoryStoreParts, userId: string, accesses: ReadonlyMap<string, AccessCount>): Promise<void> {
  return parts.lock.run(userId, async () => {
    const records = await parts.rows.byIds([...accesses.keys()], userId);
    await parts.rows.patch(
      records.map((r) => ({ ...r, accessCount: r.accessCount + accesses.get(r.id)!.times, lastAccessedAt: accesses.get(r.id)!.at })),
    );
  });
}
