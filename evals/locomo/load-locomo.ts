import { readFile } from "node:fs/promises";
import { ConfigError } from "../../src/config/errors.js";

/** One dialogue turn of a LoCoMo conversation. */
export interface LocomoTurn {
  id: string;
  speaker: string;
  text: string;
  caption?: string;
  session: number;
  position: number;
  date: string;
}

/** One question with the turns that hold its answer. */
export interface LocomoQuestion {
  question: string;
  category: number;
  evidence: string[];
}

/** A fact the dataset extracted from a session, with its source turns. */
export interface LocomoObservation {
  id: string;
  speaker: string;
  text: string;
  sourceIds: string[];
  session: number;
  date: string;
}

/** One LoCoMo sample: a two-person, multi-session conversation and its questions. */
export interface LocomoConversation {
  sampleId: string;
  speakers: [string, string];
  turns: LocomoTurn[];
  questions: LocomoQuestion[];
  observations: LocomoObservation[];
}

type Raw = Record<string, unknown>;

/** Reads a LoCoMo JSON file (a list of samples) into typed conversations; categories filter the questions. */
export async function loadLocomo(path: string, categories: number[] = [1, 2, 3, 4]): Promise<LocomoConversation[]> {
  const raw = JSON.parse(
    await readFile(path, "utf8").catch((cause: unknown) => {
      throw new ConfigError(`LoCoMo file not found at ${path}.`, { cause });
    }),
  ) as Raw[];
  if (!Array.isArray(raw)) throw new ConfigError(`${path} is not a LoCoMo JSON list.`);
  return raw.map((sample) => parseSample(sample, new Set(categories)));
}

function parseSample(sample: Raw, categories: Set<number>): LocomoConversation {
  const conv = sample.conversation as Raw;
  const turns: LocomoTurn[] = [];
  const dates = new Map<number, string>();
  const sessions = Object.keys(conv)
    .map((k) => /^session_(\d+)$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  for (const session of sessions) {
    const date = String(conv[`session_${session}_date_time`] ?? "");
    dates.set(session, date);
    (conv[`session_${session}`] as Raw[]).forEach((t, position) => {
      turns.push({
        id: String(t.dia_id),
        speaker: String(t.speaker),
        text: String(t.text ?? ""),
        ...(t.blip_caption ? { caption: String(t.blip_caption) } : {}),
        session,
        position,
        date,
      });
    });
  }
  const questions = (sample.qa as Raw[])
    .filter((q) => categories.has(Number(q.category)))
    .map((q) => ({ question: String(q.question), category: Number(q.category), evidence: normaliseEvidence(q.evidence) }));
  const observations: LocomoObservation[] = [];
  for (const [key, bySpeaker] of Object.entries((sample.observation ?? {}) as Record<string, Record<string, unknown[][]>>)) {
    const session = Number(/session_(\d+)/.exec(key)?.[1]);
    for (const [speaker, facts] of Object.entries(bySpeaker)) {
      facts.forEach(([text, ids], i) => {
        const sourceIds = (Array.isArray(ids) ? ids : [ids]).map(String);
        observations.push({
          id: `${key}:${speaker}:${i}`,
          speaker,
          text: String(text),
          sourceIds,
          session,
          date: dates.get(session) ?? "",
        });
      });
    }
  }
  return { sampleId: String(sample.sample_id), speakers: [String(conv.speaker_a), String(conv.speaker_b)], turns, questions, observations };
}

function normaliseEvidence(evidence: unknown): string[] {
  const out: string[] = [];
  for (const e of (evidence ?? []) as unknown[])
    for (const part of String(e).split(/[;,\s]+/)) {
      const id = part.replace(/^D:(\d+)/, "D$1");
      if (/^D\d+:\d+$/.test(id)) out.push(id);
    }
  return [...new Set(out)];
}
