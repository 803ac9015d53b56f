import { DEFAULTS } from "./defaults.js";
import { recency } from "./ranking.js";
import type { MemoryRecord } from "./types.js";

/** Tuning of the importance decay job. */
export interface DecayOptions {
  /** Days after which an untouched memory's importance halves; frequent use stretches it. */
  halfLifeDays?: number;
  /** Importance never decays below this. */
  floor?: number;
  /** Memories touched more recently than this many days are left alone. */
  graceDays?: number;
}

const DAY_MS = 86_400_000;

/** The record after one decay pass at `now`, or undefined when it should not change. */
export function decayRecord(record: MemoryRecord, now: string, options: DecayOptions = {}): MemoryRecord | undefined {
  const halfLife = options.halfLifeDays ?? DEFAULTS.decay.halfLifeDays;
  const floor = options.floor ?? DEFAULTS.decay.floor;
  const touched = record.lastAccessedAt ?? record.updatedAt;
  if (record.validUntil || Date.parse(now) - Date.parse(touched) < (options.graceDays ?? DEFAULTS.decay.graceDays) * DAY_MS)
    return undefined;
  const since = record.decayedAt && record.decayedAt > touched ? record.decayedAt : touched;
  const factor = recency(since, now, record.accessCount, halfLife);
  const importance = Math.max(floor, Math.round(record.importance * factor * 1000) / 1000);
  if (importance >= record.importance) return undefined;
  return { ...record, importance, decayedAt: now };
}
