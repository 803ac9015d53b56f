import { containsPhrase, normalizeText } from "./normalize.js";
import { turnRecall, type EvidenceTurn } from "./turn-recall.js";

const PAST_MARKERS = [
  "used to",
  "formerly",
  "former",
  "previously",
  "no longer",
  "not anymore",
  "anymore",
  "until",
  "moved from",
  "changed from",
  "switched from",
  "instead of",
  "was",
  "were",
  "had been",
  "ex",
  "old",
  "before",
  "outdated",
  "superseded",
  "replaced",
  "left",
  "quit",
  "past",
];

/** What context recall needs from a probe. */
export interface RecallProbe {
  skill?: string;
  evidence: readonly string[];
  stale?: readonly string[];
  /** Turn-level evidence for datasets without phrases (e.g. LoCoMo); used when `evidence` is empty. */
  evidenceTurns?: readonly EvidenceTurn[];
}

/** Context recall of one prompt for one probe. */
export interface ContextRecallResult {
  /** False for abstention probes and probes without any evidence; `recall` is then null. */
  applicable: boolean;
  /** Share of evidence phrases (or evidence turns) found in the prompt, 0..1, or null when not applicable. */
  recall: number | null;
  found: string[];
  missing: string[];
  /** Stale phrases present anywhere in the prompt. */
  staleFound: string[];
  /** True when a stale phrase sits in a sentence that presents it as current (see {@link staleAsCurrent}). */
  staleAsCurrent: boolean;
}

const RECORD_HEAD = /^\s*(?:-\s*)?([^:\n]*\([^)\n]*\)):\s/;

/**
 * Splits a prompt into sentences/lines, each normalised. Clauses of a record line such as
 * "- Brightside Studio (organization, former): type: agency; city: Manchester" keep the record's
 * head, since each clause states something about that record (and a qualifier like "former" covers it).
 */
function segments(prompt: string): string[] {
  return prompt
    .split(/\n+/)
    .flatMap((line) => {
      const head = RECORD_HEAD.exec(line)?.[1];
      return line.split(/(?<=[.!?;])\s+/).map((clause, i) => (head && i > 0 ? `${head} ${clause}` : clause));
    })
    .map(normalizeText)
    .filter(Boolean);
}

/**
 * True when some sentence of the prompt mentions a stale phrase without marking it as past
 * (no marker such as "used to", "previously", "moved from", "was") and without also stating
 * one of the current evidence phrases (a transition like "moved from Leeds to Bristol").
 */
export function staleAsCurrent(prompt: string, stale: readonly string[], evidence: readonly string[]): boolean {
  for (const segment of segments(prompt)) {
    if (!stale.some((p) => containsPhrase(segment, p))) continue;
    if (evidence.some((p) => containsPhrase(segment, p))) continue;
    if (PAST_MARKERS.some((m) => containsPhrase(segment, m))) continue;
    return true;
  }
  return false;
}

/**
 * Context recall: the share of a probe's evidence phrases present in the prompt after normalisation.
 * Abstention probes have nothing to recall, so recall is null (not applicable) and they are left out of
 * recall means; whether the model abstains is scored on the answer (judge, F1), not on the prompt.
 */
export function contextRecall(probe: RecallProbe, prompt: string): ContextRecallResult {
  const text = normalizeText(prompt);
  const stale = probe.stale ?? [];
  const staleFound = stale.filter((p) => containsPhrase(text, p));
  const base = { staleFound, staleAsCurrent: staleFound.length > 0 && staleAsCurrent(prompt, stale, probe.evidence) };
  if (probe.skill === "abstention") return { applicable: false, recall: null, found: [], missing: [], ...base };
  if (probe.evidence.length === 0) {
    const turns = probe.evidenceTurns ?? [];
    if (turns.length === 0) return { applicable: false, recall: null, found: [], missing: [], ...base };
    const r = turnRecall(prompt, turns);
    return { applicable: true, recall: r.recall, found: r.found, missing: r.missing, ...base };
  }
  const found = probe.evidence.filter((p) => containsPhrase(text, p));
  const missing = probe.evidence.filter((p) => !containsPhrase(text, p));
  return { applicable: true, recall: found.length / probe.evidence.length, found, missing, ...base };
}
