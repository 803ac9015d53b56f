import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DatasetError, parseScenarios } from "./load-dataset.js";
import type { GoldFact, Probe, Scenario, Session, Turn } from "./schema.js";

const Message = z.looseObject({ speaker: z.string(), dia_id: z.string(), text: z.string(), blip_caption: z.string().optional() });
const Sample = z.looseObject({
  sample_id: z.string(),
  conversation: z.looseObject({ speaker_a: z.string(), speaker_b: z.string() }).catchall(z.unknown()),
  qa: z.array(
    z.looseObject({
      question: z.string(),
      answer: z.union([z.string(), z.number()]).optional(),
      evidence: z.array(z.string()),
      category: z.number(),
    }),
  ),
  observation: z
    .record(z.string(), z.record(z.string(), z.array(z.tuple([z.string(), z.union([z.string(), z.array(z.string())])]))))
    .optional(),
});
type Sample = z.infer<typeof Sample>;
type Message = z.infer<typeof Message>;

/** Options of the LoCoMo conversion. */
export interface LocomoOptions {
  /** Which speaker(s) play the user: one scenario per chosen speaker (default both). */
  speakers?: "a" | "b" | "both";
  /** QA categories kept as probes (default 1-4; 5 is adversarial and has no gold answer). */
  categories?: number[];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const pad = (n: number) => String(n).padStart(2, "0");

/** Parses LoCoMo's "1:56 pm on 8 May, 2023" into "2023-05-08T13:56". */
export function parseLocomoDate(text: string): string {
  const m = text.match(/(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([a-z]+),?\s+(\d{4})/i);
  const month = m ? MONTHS.indexOf(m[5]!.toLowerCase()) : -1;
  if (!m || month < 0) throw new DatasetError(`Unrecognised LoCoMo date "${text}"`);
  const hour = (Number(m[1]) % 12) + (m[3]!.toLowerCase() === "pm" ? 12 : 0);
  return `${m[6]}-${pad(month + 1)}-${pad(Number(m[4]))}T${pad(hour)}:${m[2]}`;
}

const messageText = (m: Message) => (m.blip_caption ? `${m.text} [shares a photo: ${m.blip_caption}]` : m.text);
const evidenceIds = (raw: string[]) =>
  raw.flatMap((e) => e.replace(/^D:(\d+):/, "D$1:").split(/[;,\s]+/)).filter((e) => /^D\d+:\d+$/.test(e));

function sessionsOf(sample: Sample): { n: number; date: string; messages: Message[] }[] {
  const conv = sample.conversation;
  return Object.keys(conv)
    .map((k) => k.match(/^session_(\d+)$/)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
    .map((n) => ({
      n,
      date: parseLocomoDate(String(conv[`session_${n}_date_time`])),
      messages: z.array(Message).parse(conv[`session_${n}`]),
    }));
}

function buildSessions(sample: Sample, speaker: string, turnOf: Map<string, string>): Session[] {
  return sessionsOf(sample).map(({ n, date, messages }) => {
    const turns: Turn[] = [];
    let opener: string[] = [];
    for (const m of messages) {
      const last = turns.at(-1);
      if (m.speaker === speaker) {
        turns.push({
          id: m.dia_id,
          user: messageText(m),
          facts: [],
          entities: [],
          sourceIds: [m.dia_id],
          ...(opener.length ? { assistantOpener: opener.join("\n") } : {}),
        });
        opener = [];
      } else if (last) {
        last.assistant = last.assistant ? `${last.assistant}\n${messageText(m)}` : messageText(m);
        last.sourceIds!.push(m.dia_id);
      } else {
        opener.push(messageText(m));
      }
      const owner = turns.at(-1);
      if (owner) turnOf.set(m.dia_id, owner.id);
    }
    const observed = sample.observation?.[`session_${n}_observation`]?.[speaker] ?? [];
    observed.forEach(([content, ids], k) => {
      const first = [ids].flat()[0] ?? "";
      const turn = turns.find((t) => t.id === turnOf.get(first)) ?? turns[0];
      const fact: GoldFact = { id: `${first || `S${n}`}#${k}`, content, type: "fact", category: "other", importance: 0.5 };
      turn?.facts.push(fact);
    });
    return { id: `S${n}`, date, turns };
  });
}

function convert(sample: Sample, speaker: string, other: string, options: Required<LocomoOptions>): Scenario {
  const turnOf = new Map<string, string>();
  const sessions = buildSessions(sample, speaker, turnOf);
  const authors = new Map(sessionsOf(sample).flatMap((s) => s.messages.map((m) => [m.dia_id, m.speaker] as const)));
  const lastSession = sessions.at(-1)!;
  const probes: Probe[] = [];
  sample.qa.forEach((qa, i) => {
    if (!options.categories.includes(qa.category) || qa.answer === undefined) return;
    const ids = evidenceIds(qa.evidence).filter((id) => authors.has(id));
    const mine = ids.filter((id) => authors.get(id) === speaker).length;
    const owner = mine * 2 > ids.length || (mine * 2 === ids.length && speaker === sample.conversation.speaker_a) ? speaker : other;
    const turnIds = [...new Set(ids.map((id) => turnOf.get(id)).filter((id): id is string => id !== undefined))];
    if (owner !== speaker || turnIds.length === 0) return;
    probes.push({
      id: `q${i + 1}`,
      sessionId: lastSession.id,
      askAfter: lastSession.turns.at(-1)?.id ?? "start",
      question: qa.question,
      answer: String(qa.answer),
      skill: qa.category === 2 ? "temporal" : "fact-recall",
      evidence: [],
      evidenceTurnIds: turnIds,
      tags: [`locomo-category-${qa.category}`, ...ids.map((id) => `evidence:${id}`)],
    });
  });
  const slug = `${sample.sample_id}-${speaker}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    id: `locomo-${slug}`,
    title: `LoCoMo ${sample.sample_id}: ${speaker} as the user, ${other} as the assistant`,
    domains: [],
    source: "LoCoMo (CC BY-NC 4.0), converted at load time",
    profile: { name: speaker },
    sessions,
    probes,
  };
}

/** Converts parsed LoCoMo JSON into validated scenarios (one per conversation and chosen speaker). */
export function locomoToScenarios(raw: unknown, options: LocomoOptions = {}, file = "locomo"): Scenario[] {
  const opts: Required<LocomoOptions> = { speakers: options.speakers ?? "both", categories: options.categories ?? [1, 2, 3, 4] };
  const samples = z.array(Sample).safeParse(raw);
  if (!samples.success)
    throw new DatasetError(`${file}: not LoCoMo data: ${samples.error.issues[0]?.path.join(".")}: ${samples.error.issues[0]?.message}`);
  const out = samples.data.flatMap((sample) => {
    const { speaker_a: a, speaker_b: b } = sample.conversation;
    const pairs: [string, string][] =
      opts.speakers === "a"
        ? [[a, b]]
        : opts.speakers === "b"
          ? [[b, a]]
          : [
              [a, b],
              [b, a],
            ];
    return pairs.map(([speaker, other]) => convert(sample, speaker, other, opts));
  });
  return parseScenarios(out, file);
}

/** Reads a LoCoMo JSON file (e.g. locomo-dev.json) and converts it into scenarios. */
export async function loadLocomoAsScenarios(file: string, options: LocomoOptions = {}): Promise<Scenario[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new DatasetError(`${file}: cannot read LoCoMo JSON (${(cause as Error).message})`, { cause });
  }
  return locomoToScenarios(raw, options, file);
}
