/** Personalization tiers, from no memory (F) to full long-term memory (A). */
export const TIERS = ["F", "D", "C", "B", "A"] as const;
/** A personalization tier. */
export type Tier = (typeof TIERS)[number];

/** What a tier puts in front of the model and which memory it maintains. */
export interface TierCapabilities {
  /** Static profile from the run context in the system prompt. */
  staticProfile: boolean;
  /** Thread history (trimmed) plus the running summary of older turns. */
  history: boolean;
  /** Entity memory: retrieved before the reply, updated after it. */
  entities: boolean;
  /** Semantic long-term memories and the learned profile: retrieved and extracted. */
  semantic: boolean;
}

/** The capabilities of each tier; each tier from C up includes the one below it. */
export const TIER_CAPABILITIES: Readonly<Record<Tier, TierCapabilities>> = {
  F: { staticProfile: false, history: false, entities: false, semantic: false },
  D: { staticProfile: true, history: false, entities: false, semantic: false },
  C: { staticProfile: false, history: true, entities: false, semantic: false },
  B: { staticProfile: false, history: true, entities: true, semantic: false },
  A: { staticProfile: false, history: true, entities: true, semantic: true },
};

/** One-line description of each tier, for help texts and reports. */
export const TIER_DESCRIPTIONS: Readonly<Record<Tier, string>> = {
  F: "no memory: only the current message",
  D: "static profile baked into the system prompt",
  C: "thread history with a running summary of older turns",
  B: "C plus entity memory (people, places, things) across sessions",
  A: "B plus semantic long-term memories in Chroma",
};
