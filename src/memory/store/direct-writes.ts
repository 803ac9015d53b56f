import { contentHash } from "../content-hash.js";
import { DEFAULT_MAX_EPISODES_PER_USER, episodeContent, episodeId, episodesOverLimit, type EpisodeInput } from "../episodes.js";
import type { MemorySource, WriteOutcome } from "../interfaces.js";
import type { HistoryActor, HistoryLog } from "../ledger/history-log.js";
import { newRecord } from "../reconcile/reconcile-write.js";
import type { IndexedRows } from "../records/indexed-rows.js";
import type { IndexCache } from "../index/index-cache.js";
import type { HistoryEvent, MemoryRecord, NewMemory } from "../types.js";
import { putInChunks } from "../records/put-in-chunks.js";

/** What writes without a model need: the rows, the search index, the history and the store's id and episode settings. */
export interface DirectWriteContext {
  rows: IndexedRows;
  lexical?: IndexCache;
  history?: HistoryLog;
  newId?: () => string;
  maxEpisodesPerUser?: number;
}

/** The history event of a newly stored memory. */
const addedEvent = (record: MemoryRecord, actor: HistoryActor): HistoryEvent => ({
  memoryId: record.id,
  userId: record.userId,
  action: "ADD",
  relatedId: null,
  content: record.content,
  actor,
  threadId: record.source.threadId ?? null,
  at: record.createdAt,
});

/** Id of the user's current fact memory with this content hash: from the lexical index when it is on, else from Chroma. */
async function currentFactByHash(ctx: DirectWriteContext, userId: string, hash: string): Promise<string | undefined> {
  if (ctx.lexical) return (await ctx.lexical.get(userId)).currentFactByHash(hash);
  const [exact] = await ctx.rows.find({ userId, current: true, kind: "fact", contentHash: hash }, 1);
  return exact?.id;
}

/** Stores a memory as given through the outbox (its history event in the same ledger transaction where the ledger allows); skips an exact duplicate of a current memory. */
export async function insertOne(
  ctx: DirectWriteContext,
  userId: string,
  memory: NewMemory,
  source: MemorySource,
  at: string,
  actor: HistoryActor,
): Promise<WriteOutcome> {
  const content = memory.content.trim();
  const exact = await currentFactByHash(ctx, userId, contentHash(content));
  if (exact) return { action: "NONE", id: exact, content };
  const record = newRecord(userId, { ...memory, content }, source, at, ctx.newId?.());
  const events = [addedEvent(record, actor)];
  const history = ctx.history;
  if (history?.recordSync) await ctx.rows.enqueue([record], () => history.recordSync!(events));
  else {
    await ctx.rows.enqueue([record]);
    await history?.record(events);
  }
  return { action: "ADD", id: record.id, content };
}

/** Stores many memories as given, in chunks (putInChunks); exact duplicates of current memories or of earlier items are skipped. */
export async function insertMany(
  ctx: DirectWriteContext,
  userId: string,
  items: Array<{ memory: NewMemory; source?: MemorySource }>,
  at: string,
  actor: HistoryActor,
): Promise<WriteOutcome[]> {
  const known = await ctx.rows.currentByHash(userId, [...new Set(items.map((i) => contentHash(i.memory.content.trim())))]);
  const outcomes: WriteOutcome[] = [];
  const fresh: MemoryRecord[] = [];
  for (const { memory, source = {} } of items) {
    const content = memory.content.trim();
    const hash = contentHash(content);
    const existing = known.get(hash);
    if (existing) {
      outcomes.push({ action: "NONE", id: existing, content });
      continue;
    }
    const record = newRecord(userId, { ...memory, content }, source, at, ctx.newId?.());
    known.set(hash, record.id);
    fresh.push(record);
    outcomes.push({ action: "ADD", id: record.id, content });
  }
  await putInChunks(ctx.rows, fresh, { fresh: true }, (chunk) => ctx.history?.record(chunk.map((r) => addedEvent(r, actor))));
  return outcomes;
}

/**
 * Stores an exchange as an episode (no model, no reconciliation), then drops the user's oldest episodes beyond the limit.
 * Its id comes from the exchange (episodeId), so storing the same exchange again overwrites the same row, and once its history
 * is recorded (the last step) a replay is a no-op: a crash between the write and the job's completion leaves one episode.
 */
export async function storeEpisode(
  ctx: DirectWriteContext,
  userId: string,
  episode: EpisodeInput,
  source: MemorySource,
  at: string,
): Promise<WriteOutcome> {
  const content = episodeContent(episode);
  const memory: NewMemory = {
    content,
    type: "fact",
    category: "conversation",
    importance: 0.5,
    eventDate: at,
    subject: episode.speaker ?? null,
    kind: "episode",
    ...(episode.agentId ? { agentId: episode.agentId } : {}),
    ...(episode.runId ? { runId: episode.runId } : {}),
  };
  const id = episodeId(userId, source) ?? ctx.newId?.();
  if (id && ctx.history && (await ctx.history.forMemory(id)).length > 0) return { action: "NONE", id, content };
  const record = newRecord(userId, memory, source, at, id);
  await ctx.rows.put([record]);
  const max = ctx.maxEpisodesPerUser ?? DEFAULT_MAX_EPISODES_PER_USER;
  const filter = { userId, kind: "episode" as const };
  const episodes = ctx.lexical
    ? await ctx.lexical.get(userId).then((l) => l.ids(filter).map((id) => l.get(id)!))
    : await ctx.rows.find(filter);
  const dropped = episodesOverLimit(episodes, max);
  await ctx.rows.remove(dropped, userId);
  await ctx.history?.record([addedEvent(record, "extraction")]);
  for (const id of dropped)
    await ctx.history?.recordDeletion({ memoryId: id, userId, relatedId: null, actor: "extraction", threadId: null, at });
  return { action: "ADD", id: record.id, content };
}
