import type { Embedder } from "../../src/providers/embedder.js";
import { Bm25Index } from "../../src/memory/index/lexical/bm25.js";
import { reciprocalRankFusion } from "../../src/memory/retrieval/rank-fusion.js";
import { VectorIndex } from "./retriever/vector-index.js";
import type { LocomoConversation, LocomoTurn } from "./load-locomo.js";
import { renderTurnLines, turnText, type LocomoMethod, type PreparedMethod, type RetrievedItem } from "./method.js";

interface Indexed {
  bm25: Bm25Index;
  vectors: VectorIndex;
}

async function indexTexts(embedder: Embedder, entries: Array<{ id: string; text: string }>): Promise<Indexed> {
  const bm25 = new Bm25Index();
  const vectors = new VectorIndex(embedder.dimension);
  const embedded = await embedder.embedDocuments(entries.map((e) => e.text));
  entries.forEach((e, i) => {
    bm25.add(e.id, e.text);
    vectors.add(e.id, embedded[i]!);
  });
  return { bm25, vectors };
}

function turnMap(conv: LocomoConversation): Map<string, LocomoTurn> {
  return new Map(conv.turns.map((t) => [t.id, t]));
}

/** The last k turns of the conversation, newest first. */
export function recencyMethod(): LocomoMethod {
  return {
    name: "recency",
    description: "last k turns",
    async prepare(conv) {
      const turns = turnMap(conv);
      const newestFirst = [...conv.turns].reverse().map((t) => ({ ids: [t.id] }));
      return { search: async (_q, limit) => newestFirst.slice(0, limit), render: (items) => renderTurnLines(turns, items) };
    },
  };
}

/** Turn-level retrieval by vector, BM25, or their reciprocal-rank fusion. */
export function turnMethod(name: "vector" | "bm25" | "hybrid-rrf", embedder: Embedder): LocomoMethod {
  return {
    name,
    description: { vector: "cosine over SIF GloVe turn vectors", bm25: "BM25 over turns", "hybrid-rrf": "RRF(k=60) of vector + BM25" }[
      name
    ],
    async prepare(conv): Promise<PreparedMethod> {
      const turns = turnMap(conv);
      const idx = await indexTexts(
        embedder,
        conv.turns.map((t) => ({ id: t.id, text: turnText(t) })),
      );
      return {
        async search(question, limit) {
          const lexical = name === "vector" ? [] : idx.bm25.search(question, name === "bm25" ? limit : limit * 2);
          const dense =
            name === "bm25" ? [] : idx.vectors.search(await embedder.embedQuery(question), name === "vector" ? limit : limit * 2);
          const ids =
            name === "bm25"
              ? lexical.map((h) => h.id)
              : name === "vector"
                ? dense.map((h) => h.id)
                : reciprocalRankFusion(
                    [
                      { name: "bm25", results: lexical },
                      { name: "vector", results: dense },
                    ],
                    { limit },
                  ).map((r) => r.id);
          return ids.slice(0, limit).map((id) => ({ ids: [id] }));
        },
        render: (items) => renderTurnLines(turns, items),
      };
    },
  };
}

/** The dataset's extracted observations, searched by RRF(vector + BM25) and mapped back to their source turns. */
export function observationMethod(embedder: Embedder): LocomoMethod {
  return {
    name: "observations",
    description: "dataset facts, RRF search, mapped to source turns",
    async prepare(conv): Promise<PreparedMethod> {
      const facts = new Map(conv.observations.map((o) => [o.id, o]));
      const idx = await indexTexts(
        embedder,
        conv.observations.map((o) => ({ id: o.id, text: o.text })),
      );
      return {
        async search(question, limit) {
          const lexical = idx.bm25.search(question, limit * 2);
          const dense = idx.vectors.search(await embedder.embedQuery(question), limit * 2);
          const fused = reciprocalRankFusion(
            [
              { name: "bm25", results: lexical },
              { name: "vector", results: dense },
            ],
            { limit },
          );
          return fused.map((r): RetrievedItem & { fact: string } => ({ ids: facts.get(r.id)!.sourceIds, fact: r.id }));
        },
        render: (items) =>
          items.map((i) => {
            const o = facts.get((i as RetrievedItem & { fact: string }).fact)!;
            return `(${o.date}) ${o.text}`;
          }),
      };
    },
  };
}
