import type { MemoryRecord } from "./types.js";

/** Builds a compact profile (facts by category, then preferences and open tasks) from a user's current memories. */
export function buildUserProfile(memories: MemoryRecord[], maxItemsPerSection = 8): string {
  const current = memories
    .filter((m) => !m.validUntil)
    .sort((a, b) => b.importance - a.importance || b.updatedAt.localeCompare(a.updatedAt));
  const byCategory = new Map<string, string[]>();
  const preferences: string[] = [];
  const tasks: string[] = [];
  for (const m of current) {
    if (m.type === "preference") preferences.push(m.content);
    else if (m.type === "task") tasks.push(m.content);
    else byCategory.set(m.category, [...(byCategory.get(m.category) ?? []), m.content]);
  }
  const lines: string[] = [];
  for (const [category, facts] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${category}: ${facts.slice(0, maxItemsPerSection).join("; ")}`);
  }
  if (preferences.length) lines.push(`preferences: ${preferences.slice(0, maxItemsPerSection).join("; ")}`);
  if (tasks.length) lines.push(`open tasks: ${tasks.slice(0, maxItemsPerSection).join("; ")}`);
  return lines.join("\n");
}
