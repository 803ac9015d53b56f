import { DEFAULTS } from "../defaults.js";
import type { MemoryFilter } from "../types.js";
import { rankScore, type RankingOptions } from "../ranking.js";
import type { ScoredMemory } from "../types.js";
import { fuseChannels, type Candidate } from "./fuse-channels.js";
import type { SearchRows } from "../records/indexed-rows.js";
import type { IndexCache } from "../index/index-cache.js";
import { namedSubject } from "./named-subject.js";
import { namedTimes, withinNamedTime } from "./named-time.js";
import { focusQuery } from "./query-focus.js";
import { vectorChannel } from "./vector-channel.js";
import { sessionPrior } from "./session-prior.js";

/** Tuning of long-term memory search. */
export interface HybridSearchOptions {
  /** Fuse BM25 over the user's memories with the vector channel (default true); false is vector-only. */
  lexical?: boolean;
  /** Reciprocal-rank-fusion constant (default 10: ranks stay distinct enough to outweigh importance and recency). */
  rrfK?: number;
  /** Weight of the vector channel in the fusion (default 0.5: a weaker signal than exact words with the local embedder). */
  vectorWeight?: number;
  lexicalWeight?: number;
  /** Weight of BM25 over thread windows, a memory's text plus its ±2 neighbours from the same thread (default 1.5; 0 turns it off). */
  windowWeight?: number;
  /** Share of a channel's weight passed to memories from the same source message as its hits (default 1; 0 turns it off). */
  sourceWeight?: number;
  /** Up to this many memories passing the filter, the vector channel scores them all in one Chroma query restricted to their ids (default 2,000). */
  exactVectorLimit?: number;
  /** IDF coverage at which a BM25 hit is strong enough to pass minScore without the vector channel (default 0.5). */
  strongLexicalCoverage?: number;
  /** Relevance multiplier for memories whose subject is the one subject the query names (default 2; 1 turns it off). */
  subjectBoost?: number;
  /** Relevance multiplier for memories dated (event date, else stored date) within a day or month the query names, or soon after it (default 4; 1 turns it off). */
  timeBoost?: number;
  /** Days after a named day or month still counted as within it, since things are told after they happen (default 7). */
  timeAfterDays?: number;
  /** Sessions (a thread on one day) ranked by their best fused hits whose memories get a relevance prior (default 4; 0 turns it off). */
  sessionTop?: number;
  /** Relevance multiplier of the best session's memories minus 1, scaled down for weaker top sessions (default 1; 0 turns it off). */
  sessionBoost?: number;
}

/** One search request after option parsing. */
export interface SearchRequest {
  query: string;
  filter: MemoryFilter;
  limit: number;
  minScore?: number;
  now: string;
}

const SEARCH_DEFAULTS: Required<HybridSearchOptions> = DEFAULTS.search;

const boosted = (c: Candidate, name: string, boost: number): Candidate => ({
  ...c,
  relevance: c.relevance * boost,
  channels: { ...c.channels, subject: { name, boost } },
});

const episodeLast = (c: Candidate): number => (c.record.kind === "episode" ? 1 : 0);

function explain(c: Candidate, similarity: number): string {
  const parts: string[] = [];
  if (c.channels.vector) parts.push(`vector #${c.channels.vector.rank}`);
  if (c.channels.bm25) parts.push(`bm25 #${c.channels.bm25.rank} (${c.channels.bm25.matched.join(", ")})`);
  if (c.channels.window) parts.push(`window #${c.channels.window.rank} (${c.channels.window.matched.join(", ")})`);
  if (c.channels.source) parts.push(`source #${c.channels.source.rank} via ${c.channels.source.via}`);
  if (c.channels.session) parts.push(`session #${c.channels.session.rank} ×${c.channels.session.boost.toFixed(2)}`);
  if (c.channels.subject) parts.push(`subject ${c.channels.subject.name} named ×${c.channels.subject.boost}`);
  if (c.channels.time) parts.push(`dated in "${c.channels.time.named}" ×${c.channels.time.boost}`);
  const closed = c.record.validUntil ? `, superseded ${c.record.validUntil.slice(0, 10)}` : "";
  return `${parts.join(" + ") || "no channel"}, similarity ${similarity.toFixed(2)}, importance ${c.record.importance.toFixed(2)}, used ${c.record.accessCount}x${closed}`;
}

/** Long-term memory search: vector neighbours from Chroma fused by RRF with BM25 over the user's memories, their thread windows and same-message siblings, then ranked by relevance, importance and recency. */
export async function hybridSearch(
  rows: SearchRows,
  cache: IndexCache | undefined,
  req: SearchRequest,
  ranking: RankingOptions,
  options: HybridSearchOptions = {},
): Promise<ScoredMemory[]> {
  const o: Required<HybridSearchOptions> = { ...SEARCH_DEFAULTS, ...options };
  const depth = Math.max(req.limit * 2, 40);
  const focused = focusQuery(req.query, req.filter.userId);
  const [queryVector, lexicon] = await Promise.all([
    rows.embed(focused.vector),
    o.lexical && cache ? cache.getWithin(req.filter.userId) : undefined,
  ]);
  const vector = lexicon
    ? await vectorChannel(rows, lexicon, queryVector, req.filter, Math.max(req.limit, 40), o.exactVectorLimit)
    : undefined;
  const near = vector?.near ?? (await rows.nearest(queryVector, req.filter, depth));
  const indexed = lexicon?.lexicalReady ? lexicon : undefined;
  const candidates: Candidate[] = indexed
    ? sessionPrior(
        fuseChannels(
          {
            near,
            lexical: indexed.search(focused.lexical, req.filter, depth),
            windows: o.windowWeight > 0 ? indexed.searchWindows(focused.lexical, req.filter, depth) : [],
            siblings: (id) => (o.sourceWeight > 0 ? indexed.siblings(id, req.filter) : []),
          },
          o,
        ),
        o.sessionTop,
        o.sessionBoost,
      )
    : near.map((n, i) => ({ record: n.record, relevance: n.similarity, channels: { vector: { rank: i + 1, similarity: n.similarity } } }));
  const subject = indexed && o.subjectBoost !== 1 ? namedSubject(req.query, indexed.subjects()) : undefined;
  const times = o.timeBoost !== 1 ? namedTimes(req.query) : [];
  const dated = (c: Candidate): Candidate => {
    const time = times.find((t) => withinNamedTime(c.record.eventDate ?? c.record.createdAt, t, o.timeAfterDays));
    if (!time) return c;
    const channels = { ...c.channels, time: { named: time.text, boost: o.timeBoost } };
    return { ...c, relevance: c.relevance * o.timeBoost, channels };
  };
  const ranked = candidates
    .map((c) => (subject !== undefined && c.record.subject === subject ? boosted(c, subject, o.subjectBoost) : c))
    .map((c) => (times.length ? dated(c) : c))
    .map((c) => {
      const lastTouched = c.record.lastAccessedAt ?? c.record.updatedAt;
      return {
        c,
        score: rankScore(
          { similarity: c.relevance, importance: c.record.importance, lastTouched, accessCount: c.record.accessCount },
          req.now,
          ranking,
        ),
      };
    })
    .sort((a, b) => b.score - a.score || episodeLast(a.c) - episodeLast(b.c) || a.c.record.id.localeCompare(b.c.record.id));
  const known = (id: string) => vector?.similarity(id);
  const needVectors = (req.minScore === undefined ? ranked.slice(0, req.limit) : ranked).filter(
    ({ c }) => !c.channels.vector && known(c.record.id) === undefined,
  );
  const stored = await rows.similarities(
    queryVector,
    needVectors.map(({ c }) => c.record.id),
  );
  const similarityOf = (c: Candidate) => c.channels.vector?.similarity ?? known(c.record.id) ?? stored.get(c.record.id) ?? 0;
  const strong = (c: Candidate) => (c.channels.bm25?.coverage ?? 0) >= o.strongLexicalCoverage;
  const out: ScoredMemory[] = [];
  for (const { c, score } of ranked) {
    if (out.length >= req.limit) break;
    const similarity = similarityOf(c);
    if (req.minScore !== undefined && similarity < req.minScore && !strong(c)) continue;
    out.push({ ...c.record, similarity, relevance: c.relevance, score, channels: c.channels, why: explain(c, similarity) });
  }
  return out;
}
