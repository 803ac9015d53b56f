import type { Scenario } from "../dataset/schema.js";

/** ISO time of a point in a session: its date (09:00 UTC when no time is given) plus `minutes`, plus `seconds`. */
export function sessionTime(date: string, minutes: number, seconds = 0): string {
  const base = date.length === 10 ? `${date}T09:00:00Z` : `${date.slice(0, 16)}:00Z`;
  return new Date(Date.parse(base) + minutes * 60_000 + seconds * 1000).toISOString();
}

/** The static profile of a scenario as system-prompt text, one `key: value` line each. */
export function renderProfile(profile: Scenario["profile"]): string {
  return Object.entries(profile)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}
