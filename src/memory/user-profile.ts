import { DEFAULTS } from "./defaults.js";
import { oneLine } from "./escape-data.js";
import type { MemoryRecord } from "./types.js";

/** Limits for the compact learned profile. */
export interface ProfileOptions {
  /** Memories to leave out, e.g. those already shown to the model this turn. */
  excludeIds?: string[];
  /** Most important memories to include at most (default DEFAULTS.profileItems, as in the tier-A prompt). */
  maxItems?: number;
}

/** Builds a compact profile (the most important current facts by category, then preferences and open tasks) from a user's memories. */
export function buildUserProfile(memories: MemoryRecord[], options: ProfileOptions = {}): string {
  const excluded = new Set(options.excludeIds ?? []);
  const chosen = memories
    .filter((m) => !m.validUntil && m.kind !== "episode" && !excluded.has(m.id))
    .sort((a, b) => b.importance - a.importance || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
    .slice(0, options.maxItems ?? DEFAULTS.profileItems);
  const sections = new Map<string, string[]>();
  for (const m of chosen) {
    const section = m.type === "preference" ? "preferences" : m.type === "task" ? "open tasks" : oneLine(m.category);
    sections.set(section, [...(sections.get(section) ?? []), oneLine(m.content)]);
  }
  const rank = (section: string) => (section === "preferences" ? 1 : section === "open tasks" ? 2 : 0);
  return [...sections]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([section, items]) => `${section}: ${items.join("; ")}`)
    .join("\n");
}
