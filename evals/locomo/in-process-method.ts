import { DEFAULT_RANKING } from "../../src/memory/ranking.js";
import { newRecord } from "../../src/memory/reconcile/reconcile-write.js";
import { renderContext } from "./retriever/render-context.js";
import { hybridSearch, type HybridSearchOptions } from "../../src/memory/retrieval/hybrid-search.js";
import { IndexCache } from "../../src/memory/index/index-cache.js";
import type { MemoryRecord } from "../../src/memory/types.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { turnDoc } from "./improved.js";
import { InProcessRows } from "./in-process-rows.js";
import type { LocomoConversation } from "./load-locomo.js";
import { INGESTED_AT, sessionDateIso } from "./ingest-locomo.js";
import { turnItems } from "./memory-api-method.js";
import { memoryParts } from "./memory-parts.js";
import type { LocomoMethod, PreparedMethod } from "./method.js";

/** A conversation stored as memory records the way the memory-api method stores it, searchable with any tuning. */
export interface InProcessConversation {
  search(question: string, limit: number, tuning: HybridSearchOptions): Promise<Array<{ ids: string[] }>>;
  render: PreparedMethod["render"];
}

/** Records as MemoryApi.add(infer=false) writes them for the turns and observations (identical texts stored once, long ones in parts), with stable ids. */
export function locomoRecords(conv: LocomoConversation, userId: string): { records: MemoryRecord[]; sources: Map<string, string[]> } {
  const byText = new Map<string, MemoryRecord>();
  const sources = new Map<string, string[]>();
  const store = (content: string, meta: { threadId: string; messageIds: string[]; date: string; subject: string; category: string }) => {
    const existing = byText.get(content);
    const id = existing?.id ?? `${conv.sampleId}-${byText.size}`;
    sources.set(id, [...new Set([...(sources.get(id) ?? []), ...meta.messageIds])]);
    if (existing) return;
    const memory = {
      content,
      type: "fact" as const,
      category: meta.category,
      importance: 0.5,
      eventDate: sessionDateIso(meta.date),
      subject: meta.subject,
    };
    byText.set(content, { ...newRecord(userId, memory, { threadId: meta.threadId, messageIds: meta.messageIds }, INGESTED_AT), id });
  };
  for (const t of conv.turns)
    for (const part of memoryParts(turnDoc(t).text, `${t.speaker}: `))
      store(part, {
        threadId: `session-${t.session}`,
        messageIds: [t.id],
        date: t.date,
        subject: t.speaker,
        category: "conversation",
      });
  for (const o of conv.observations)
    for (const part of memoryParts(o.text))
      store(part, {
        threadId: `session-${o.session}-facts`,
        messageIds: o.sourceIds,
        date: o.date,
        subject: o.speaker,
        category: "observation",
      });
  return { records: [...byText.values()], sources };
}

/** Stores a conversation in process (turns and observations) for searches through the product's hybridSearch. */
export async function prepareInProcess(embedder: Embedder, conv: LocomoConversation): Promise<InProcessConversation> {
  const userId = `locomo-${conv.sampleId}`;
  const rows = new InProcessRows(embedder);
  const { records, sources } = locomoRecords(conv, userId);
  await rows.add(records);
  const cache = new IndexCache(async (id) => ({ records: await rows.all(id) }));
  const docs = new Map(conv.turns.map((t) => [t.id, turnDoc(t)]));
  return {
    async search(question, limit, tuning) {
      const found = await hybridSearch(
        rows,
        cache,
        { query: question, filter: { userId, current: true }, limit, now: INGESTED_AT },
        DEFAULT_RANKING,
        tuning,
      );
      return turnItems(found.map((m) => sources.get(m.id) ?? [])).slice(0, limit);
    },
    render: (items) => renderContext(items.flatMap((i) => i.ids.flatMap((id) => docs.get(id) ?? []))),
  };
}

/** The memory-api method (turns plus observations, hits mapped to turns) with Chroma replaced by exact in-process cosine. */
export function inProcessMethod(
  prepared: (conv: LocomoConversation) => Promise<InProcessConversation>,
  tuning: HybridSearchOptions,
  name = "in-process",
): LocomoMethod {
  return {
    name,
    description: `memory-api path with in-process rows, tuning ${JSON.stringify(tuning)}`,
    async prepare(conv) {
      const stored = await prepared(conv);
      return { search: (q, limit) => stored.search(q, limit, tuning), render: stored.render };
    },
  };
}
