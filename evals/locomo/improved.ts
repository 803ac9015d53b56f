import { HybridRetriever, type HybridRetrieverOptions, type RetrievalDoc } from "./retriever/hybrid-retriever.js";
import { renderContext } from "./retriever/render-context.js";
import type { Embedder } from "../../src/providers/embedder.js";
import type { LocomoTurn } from "./load-locomo.js";
import type { LocomoMethod, PreparedMethod } from "./method.js";

/** Drops the time of day: "1:56 pm on 8 May, 2023" becomes "8 May 2023". */
export function compactDate(date: string): string {
  return date.replace(/^.*\bon\s+/i, "").replace(",", "");
}

/** A turn as the improved method indexes and renders it: speaker, words, short photo caption, session group and date. */
export function turnDoc(turn: LocomoTurn): RetrievalDoc {
  const caption = turn.caption ? ` [photo: ${turn.caption.replace(/^a photo of /i, "")}]` : "";
  return {
    id: turn.id,
    text: `${turn.speaker}: ${turn.text}${caption}`,
    speaker: turn.speaker,
    group: `session ${turn.session}`,
    position: turn.position,
    date: compactDate(turn.date),
  };
}

/** The product's HybridRetriever over turns plus the dataset's extracted facts, rendered compactly by session. */
export function improvedMethod(embedder: Embedder, tuning: Omit<HybridRetrieverOptions, "embedder"> = {}): LocomoMethod {
  return {
    name: "improved",
    description:
      "HybridRetriever: weighted RRF of BM25, neighbour-window BM25, vector, fact BM25/vector; speaker boost; compact session-grouped rendering",
    async prepare(conv): Promise<PreparedMethod> {
      const retriever = new HybridRetriever({ ...tuning, embedder });
      await retriever.addDocuments(conv.turns.map(turnDoc));
      await retriever.addFacts(conv.observations.map((o) => ({ id: o.id, text: o.text, sourceIds: o.sourceIds })));
      return {
        async search(question, limit) {
          return (await retriever.search(question, limit)).map((r) => ({ ids: [r.id] }));
        },
        render: (items) => renderContext(items.flatMap((i) => i.ids).map((id) => retriever.get(id)!)),
      };
    },
  };
}
