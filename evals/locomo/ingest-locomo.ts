import type { MemoryApi } from "../../src/memory/api/memory-api.js";
import { turnDoc } from "./improved.js";
import type { LocomoObservation, LocomoTurn } from "./load-locomo.js";
import { memoryParts, SplitTally } from "./memory-parts.js";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** Every memory is stored at the same instant, so recency does not favour late sessions; the session date goes to eventDate. */
export const INGESTED_AT = "2024-06-01T00:00:00.000Z";

/** "1:56 pm on 8 May, 2023" as an ISO instant (null when it does not parse). */
export function sessionDateIso(date: string): string | null {
  const m = /(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+),?\s+(\d{4})/i.exec(date);
  const month = m ? MONTHS.indexOf(m[5]!.toLowerCase()) : -1;
  if (!m || month < 0) return null;
  const hour = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === "pm" ? 12 : 0);
  return new Date(Date.UTC(Number(m[6]), month, Number(m[4]), hour, Number(m[2]))).toISOString();
}

/**
 * Ingests every turn of a conversation as a memory through MemoryApi.addMany (stored as is; a turn over the memory limit in parts,
 * each pointing at the turn, counted in `split`); returns memory id to turn ids.
 */
export async function ingestConversation(
  api: MemoryApi,
  userId: string,
  turns: LocomoTurn[],
  split = new SplitTally("turn"),
): Promise<Map<string, string[]>> {
  const entries = turns.flatMap((turn) => {
    const parts = memoryParts(turnDoc(turn).text, `${turn.speaker}: `);
    split.add(parts.length);
    return parts.map((text) => ({ turn, text }));
  });
  const outcomes = await api.addMany(
    entries.map(({ turn, text }) => ({
      text,
      metadata: {
        type: "fact",
        category: "conversation",
        eventDate: sessionDateIso(turn.date),
        messageIds: [turn.id],
        threadId: `session-${turn.session}`,
        subject: turn.speaker,
      },
    })),
    { userId, now: INGESTED_AT },
  );
  const sources = new Map<string, string[]>();
  outcomes.forEach((outcome, i) => {
    const id = entries[i]!.turn.id;
    if (outcome.id) sources.set(outcome.id, [...new Set([...(sources.get(outcome.id) ?? []), id])]);
  });
  return sources;
}

/**
 * Ingests the dataset's `observation` facts (a stand-in for the product's fact extraction) as memories whose source messageIds
 * are their source turns; each session's facts form their own thread so they do not sit inside the turns' windows. An observation
 * over the memory limit is stored in parts, counted in `split`.
 */
export async function ingestObservations(
  api: MemoryApi,
  userId: string,
  observations: LocomoObservation[],
  sources: Map<string, string[]>,
  split = new SplitTally("observation"),
): Promise<Map<string, LocomoObservation>> {
  const entries = observations.flatMap((o) => {
    const parts = memoryParts(o.text);
    split.add(parts.length);
    return parts.map((text) => ({ o, text }));
  });
  const outcomes = await api.addMany(
    entries.map(({ o, text }) => ({
      text,
      metadata: {
        type: "fact",
        category: "observation",
        eventDate: sessionDateIso(o.date),
        messageIds: o.sourceIds,
        threadId: `session-${o.session}-facts`,
        subject: o.speaker,
      },
    })),
    { userId, now: INGESTED_AT },
  );
  const byMemory = new Map<string, LocomoObservation>();
  outcomes.forEach((outcome, i) => {
    const o = entries[i]!.o;
    if (!outcome.id) return;
    sources.set(outcome.id, [...new Set([...(sources.get(outcome.id) ?? []), ...o.sourceIds])]);
    if (!byMemory.has(outcome.id)) byMemory.set(outcome.id, o);
  });
  return byMemory;
}
