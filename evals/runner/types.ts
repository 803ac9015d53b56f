import type { EvidenceLocality } from "../dataset/evidence-locality.js";
import type { Tier } from "../../src/graph/tiers.js";

/** How the eval scores a probe: the prompt's evidence (offline) or the model's answer (needs a chat model). */
export type EvalMode = "context" | "answer";

/** Which dataset a run uses; LoCoMo probes carry evidence turn ids instead of phrases. */
export type DatasetKind = "personalization" | "locomo";

/** Every measurement of one probe asked at one tier. */
export interface ProbeResult {
  scenarioId: string;
  probeId: string;
  tier: Tier;
  skill: string;
  locality: EvidenceLocality;
  tags: string[];
  question: string;
  goldAnswer: string;
  /** Tokens of everything the respond node sent (system prompt, history, question). */
  promptTokens: number;
  /** Tokens of the whole conversation before the probe: what stuffing the full history would cost. */
  fullHistoryTokens: number;
  /** Share of evidence found in the prompt (question excluded); null when not applicable. */
  recall: number | null;
  /** Share of evidence turns themselves in the prompt (LoCoMo; see strictTurnRecall); null otherwise. */
  strictRecall?: number | null;
  /** Share of evidence turn ids among the ids the prompt was built from (LoCoMo); null otherwise. */
  idRecall?: number | null;
  /** LoCoMo: control prompts of random and of the most recent earlier user turns at this prompt's tokens. */
  controls?: Record<"random" | "recent", { recall: number | null; strictRecall: number | null; tokens: number }>;
  found: string[];
  missing: string[];
  /** For update probes: a stale value presented as current; null for other skills. */
  staleAsCurrent: boolean | null;
  /** Wall time of the memory searches of this turn (entities, memories, profile), ms. */
  retrievalMs: number;
  /** Wall time of the whole graph turn, ms. */
  turnMs: number;
  answer?: string;
  correct?: boolean | null;
  judgeReason?: string;
  f1?: number;
  exactMatch?: number;
}

/** A finished run: its settings and every probe result. */
export interface EvalRun {
  createdAt: string;
  mode: EvalMode;
  dataset: string;
  datasetKind: DatasetKind;
  embeddings: string;
  chatModel?: string;
  judgeModel?: string;
  /** "off" when the run stored only what the graph stores itself (no extraction); absent for oracle or model extraction. */
  extraction?: "off";
  /** Context values every turn ran with beyond the defaults. */
  contextOverrides?: Record<string, unknown>;
  tiers: Tier[];
  scenarios: string[];
  seconds: number;
  results: ProbeResult[];
}
