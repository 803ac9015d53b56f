/**
 * Every tuning default of memoria in one place. The graph's run context, the stores, search and the memory API all read
 * these, so a tier-A prompt, `api.search` and `/profile` agree unless a caller overrides a value.
 */
export const DEFAULTS = {
  /** Memories per search: the tier-A prompt's `topK`, `MemoryApi.search` and the store all return this many unless told. */
  searchLimit: 6,
  /** Most memories (facts and episodes) in tier A's prompt; memoryTokenBudget usually binds first. */
  promptMemoryLimit: 40,
  /** Tokens of tier A's relevant-memories section (chosen from the LoCoMo graph replay, see README). */
  memoryTokenBudget: 600,
  /** Cosine floor of a search result (a BM25 hit covering half the query's rare words passes anyway). */
  minScore: 0.15,
  /** Entities shown to the model per turn. */
  entityLimit: 6,
  /** Memories in the learned profile, both in the tier-A prompt and from `MemoryApi.profile` (`/profile`). */
  profileItems: 8,
  /** Token budget of the thread history the model sees: the newest messages, then as much of the running summary as fits. */
  historyTokenBudget: 2_000,
  /** Past this many messages, older ones are folded into the summary... */
  summaryThresholdMessages: 20,
  /** ...or past this many tokens. */
  summaryThresholdTokens: 4_000,
  /** Messages kept verbatim when the thread is summarised. */
  keepLastMessages: 6,
  /** Hard cap on the running summary in tokens, whatever the summarizer returns. */
  maxSummaryTokens: 1_000,
  /** Longest user message accepted, in tokens. */
  maxMessageTokens: 16_000,
  /** Longest user message accepted, in characters: checked first, in linear time, before any token counting. */
  maxMessageChars: 100_000,
  /** Page size of `MemoryApi.list`. */
  listPageSize: 50,
  /** How a new memory is reconciled against the user's existing ones. */
  reconcile: {
    /** Cosine similarity at or above which a candidate is a near-exact duplicate (no model call)... */
    duplicateThreshold: 0.95,
    /** ...provided its wording also overlaps this much (Jaccard), so a changed detail still reaches the reconciler. */
    duplicateWordOverlap: 0.7,
    /** Similar current memories the reconciler sees. */
    candidates: 5,
    /** Similar memories below this similarity are not shown to the reconciler. */
    minSimilarity: 0.1,
  },
  /** Weights and half-life that turn similarity, importance and recency into one score. */
  ranking: { similarityWeight: 0.7, importanceWeight: 0.15, recencyWeight: 0.15, halfLifeDays: 30 },
  /** Hybrid search tuning (see HybridSearchOptions for each field). */
  search: {
    lexical: true,
    rrfK: 10,
    vectorWeight: 0.5,
    lexicalWeight: 1,
    windowWeight: 1.5,
    sourceWeight: 1,
    strongLexicalCoverage: 0.5,
    exactVectorLimit: 2000,
    subjectBoost: 2,
    timeBoost: 4,
    timeAfterDays: 7,
    sessionTop: 4,
    sessionBoost: 1,
  },
  /** Bounds of the in-process lexical cache. */
  lexicalCache: { maxBytes: 512 * 2 ** 20, maxAgeMs: Infinity, coldWaitMs: 200 },
  /** Bounds of the in-process entity cache (records and vectors; maxAgeMs follows the lexical cache's when set). */
  entityCache: { maxBytes: 64 * 2 ** 20, maxAgeMs: Infinity },
  /** Milliseconds between a memory or entity being shown to the model and its access count being written (batched). */
  accessFlushMs: 250,
  /** The importance decay job. */
  decay: { halfLifeDays: 90, floor: 0.05, graceDays: 7 },
} as const;
