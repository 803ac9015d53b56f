import type { RetrievedMemory } from "../graph/state.js";
import { escapeField } from "../memory/escape-data.js";

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : "undated");

/** One fact as its prompt line: type, category, text and event date, each fenced so it can forge no line. */
export function renderFact(m: RetrievedMemory): string {
  const when = m.eventDate ? ` (${escapeField(day(m.eventDate))})` : "";
  return `- [${escapeField(m.type)}/${escapeField(m.category)}] ${escapeField(m.content)}${when}`;
}

/** The header that opens a group of episodes from one conversation on one day: it names the speaker once for the group. */
export function episodeHeader(m: RetrievedMemory): string {
  return `user on ${escapeField(day(m.eventDate))}:`;
}

/** An episode's prompt line: the user's own words on one fenced line, without the "user:" label the header already gives (the stored reply stays searchable but is left out, to save tokens and not repeat outdated replies). */
export function episodeLines(m: RetrievedMemory): string[] {
  const cut = m.content.indexOf("\nassistant: ");
  const said = cut < 0 ? m.content : m.content.slice(0, cut);
  return [escapeField(said.startsWith("user: ") ? said.slice("user: ".length) : said)];
}

/** The group an episode belongs to: its thread and day. */
export function episodeGroup(m: RetrievedMemory): string {
  return `${m.threadId ?? ""}\u0000${day(m.eventDate)}`;
}

/** Prompt lines of retrieved memories: facts as their text, then episodes (the user's words) grouped by conversation and day, oldest first. */
export function renderMemories(memories: RetrievedMemory[]): string[] {
  const facts = memories.filter((m) => m.kind !== "episode").map(renderFact);
  const groups = new Map<string, RetrievedMemory[]>();
  const episodes = memories.filter((m) => m.kind === "episode").sort((a, b) => (a.eventDate ?? "").localeCompare(b.eventDate ?? ""));
  for (const e of episodes) groups.set(episodeGroup(e), [...(groups.get(episodeGroup(e)) ?? []), e]);
  const grouped = [...groups.values()].flatMap((group) => [episodeHeader(group[0]!), ...group.flatMap(episodeLines)]);
  return [...facts, ...grouped];
}
