import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChromaServer, type ChromaServer } from "../../src/memory/records/chroma/chroma-server.js";
import { MemoryApi } from "../../src/memory/api/memory-api.js";
import { openStores, type OpenStores } from "../../src/memory/store/open-stores.js";
import type { Embedder } from "../../src/providers/embedder.js";
import { renderContext } from "./retriever/render-context.js";
import type { RetrievalDoc } from "./retriever/hybrid-retriever.js";
import { compactDate, turnDoc } from "./improved.js";
import type { LocomoConversation, LocomoObservation, LocomoTurn } from "./load-locomo.js";
import type { LocomoMethod, PreparedMethod, RetrievedItem } from "./method.js";
import { SplitTally } from "./memory-parts.js";
import { INGESTED_AT, ingestConversation, ingestObservations } from "./ingest-locomo.js";

/** A Chroma server for the run: the given URL, or an embedded server in a temp directory started on first use. */
export class LocomoChroma {
  private server?: Promise<{ server: ChromaServer; dir: string }>;

  constructor(private readonly url?: string) {}

  /** The server URL, starting the embedded server when needed. */
  async chromaUrl(): Promise<string> {
    if (this.url) return this.url;
    this.server ??= mkdtemp(join(tmpdir(), "memoria-locomo-chroma-")).then(async (dir) => ({
      dir,
      server: await startChromaServer({ path: dir }),
    }));
    return (await this.server).server.url;
  }

  /** Stops the embedded server and removes its data. */
  async close(): Promise<void> {
    if (!this.server) return;
    const { server, dir } = await this.server;
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Maps ranked memories to their turns, one item per turn not already listed (a fact hit counts as its source turns, like "improved"). */
export function turnItems(turnIdsPerResult: string[][]): Array<{ ids: string[] }> {
  const seen = new Set<string>();
  return turnIdsPerResult
    .flat()
    .filter((id) => !seen.has(id) && seen.add(id))
    .map((id) => ({ ids: [id] }));
}

/** One item per ranked memory, rendered as stored (a fact as its text), covering its source turns not already covered; memories adding no new turn are dropped. */
export function storedItems(results: Array<{ turnIds: string[]; doc?: RetrievalDoc }>): RetrievedItem[] {
  const seen = new Set<string>();
  return results.flatMap(({ turnIds, doc }) => {
    const ids = turnIds.filter((id) => !seen.has(id) && seen.add(id));
    return ids.length ? [{ ids, ...(doc ? { doc } : {}) }] : [];
  });
}

/** How an observation is rendered: its text, grouped under its session's date next to its first source turn. */
export function observationDoc(o: LocomoObservation, turns: Map<string, LocomoTurn>): RetrievalDoc {
  const first = o.sourceIds.map((id) => turns.get(id)).find((t) => t !== undefined);
  return {
    id: o.id,
    text: o.text,
    speaker: o.speaker,
    group: `session ${o.session}`,
    position: first?.position ?? 0,
    date: compactDate(o.date),
  };
}

/** A LoCoMo method that stores each turn as a memory through the product's memory API and retrieves with MemoryApi.search. */
export function memoryApiMethod(
  embedder: Embedder,
  chroma: LocomoChroma,
  variant: "hybrid" | "vector" | "facts" | "compact",
): LocomoMethod & { close(): Promise<void> } {
  let opened: Promise<OpenStores> | undefined;
  let dataDir: string | undefined;
  const splitTurns = new SplitTally("turn");
  const splitObservations = new SplitTally("observation");
  return {
    name: { hybrid: "memory-api-turns", vector: "memory-api-vector", facts: "memory-api", compact: "memory-api-compact" }[variant],
    description: {
      hybrid:
        "turns stored through MemoryApi.add (infer=false, thread = session, subject = speaker), MemoryApi.search with Chroma: RRF of vector, BM25, thread-window BM25, subject boost; session-grouped rendering",
      vector: "turns stored through MemoryApi.add (infer=false), MemoryApi.search with Chroma, vector only; session-grouped rendering",
      facts:
        "as memory-api-turns plus the dataset's observations stored as memories pointing at their source turns (same-message channel); hits mapped to turns",
      compact:
        "as memory-api, but each hit is rendered as stored, as tier A's prompt holds it: an observation as its fact text (counting as its source turns), a turn as the turn",
    }[variant],
    async prepare(conv: LocomoConversation): Promise<PreparedMethod> {
      opened ??= (async () => {
        dataDir = await mkdtemp(join(tmpdir(), "memoria-locomo-"));
        const collectionPrefix = `locomo_${variant}_${randomUUID().slice(0, 8)}`;
        let next = 0;
        const newId = () => `m-${String(next++).padStart(6, "0")}`;
        return openStores({
          chromaUrl: await chroma.chromaUrl(),
          dataDir,
          collectionPrefix,
          embedder,
          newId,
          search: { lexical: variant !== "vector" },
        });
      })();
      const stores = await opened;
      const api = new MemoryApi({ memory: stores.memory, entities: stores.entities, ledger: stores.ledger });
      const userId = `locomo-${conv.sampleId}`;
      const sources = await ingestConversation(api, userId, conv.turns, splitTurns);
      const facts =
        variant === "facts" || variant === "compact"
          ? await ingestObservations(api, userId, conv.observations, sources, splitObservations)
          : new Map<string, LocomoObservation>();
      const turns = new Map(conv.turns.map((t) => [t.id, t]));
      const docs = new Map(conv.turns.map((t) => [t.id, turnDoc(t)]));
      return {
        async search(question, limit) {
          const found = await api.search(question, { userId, limit, now: INGESTED_AT });
          const turnIds = (id: string, fallback: string[] | undefined) => sources.get(id) ?? fallback ?? [];
          if (variant !== "compact") return turnItems(found.map((m) => turnIds(m.id, m.source.messageIds))).slice(0, limit);
          return storedItems(
            found.map((m) => {
              const fact = facts.get(m.id);
              return { turnIds: turnIds(m.id, m.source.messageIds), ...(fact ? { doc: observationDoc(fact, turns) } : {}) };
            }),
          ).slice(0, limit);
        },
        render: (items) => renderContext(items.flatMap((i) => (i.doc ? [i.doc] : i.ids.flatMap((id) => docs.get(id) ?? [])))),
      };
    },
    notes: () => [splitTurns.describe(), splitObservations.describe()].filter((n) => n !== undefined),
    async close() {
      if (opened) await (await opened).close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
