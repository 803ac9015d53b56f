import { z } from "zod";
import { MemoriaError } from "../../src/config/errors.js";

/** Structured output of the judge, for `withStructuredOutput`. */
export const JudgeVerdict = z.object({
  reason: z.string().describe("One short sentence explaining the label."),
  label: z.enum(["CORRECT", "WRONG"]).describe("CORRECT if the answer matches the gold answer, else WRONG."),
});
/** Structured output of the judge. */
export type JudgeVerdict = z.infer<typeof JudgeVerdict>;

/** Raw judge text that holds no recognisable label. */
export class JudgeParseError extends MemoriaError {}

/** What the judge compares. */
export interface JudgeInput {
  question: string;
  goldAnswer: string;
  answer: string;
  skill?: string;
  /** Date the question was asked (ISO), to resolve "last week" and the like. */
  askedOn?: string;
}

const ABSTAIN_RULE =
  "The gold answer says the information was never given. The answer is CORRECT only if it says it does not know, " +
  "asks the user, or otherwise declines; it is WRONG if it states a specific value as fact.";
const UPDATE_RULE =
  "The information changed over time and the gold answer is the current value. The answer is WRONG if it gives the " +
  "old value as current; mentioning the old value as past is fine.";
const PREFERENCE_RULE =
  "The gold answer describes a preference the reply must respect. The answer is CORRECT if it respects it, even " +
  "without naming it; WRONG if it ignores or contradicts it.";

/** The prompt that asks a model to label an answer CORRECT or WRONG against the gold answer. */
export function buildJudgePrompt(input: JudgeInput): string {
  const rule =
    input.skill === "abstention"
      ? ABSTAIN_RULE
      : input.skill === "update"
        ? UPDATE_RULE
        : input.skill === "preference"
          ? PREFERENCE_RULE
          : "";
  return [
    "You grade a chatbot's answer against a gold answer.",
    "Be generous with wording: the answer is CORRECT if it conveys the same information as the gold answer " +
      "(same entity, value or date, even if phrased differently or with extra detail). Dates count as equal when " +
      "they refer to the same day, month or period. It is WRONG if it is missing, different, or contradicts the gold answer.",
    rule,
    input.askedOn ? `The question was asked on ${input.askedOn}.` : "",
    "",
    `Question: ${input.question}`,
    `Gold answer: ${input.goldAnswer}`,
    `Answer to grade: ${input.answer}`,
    "",
    'Reply with JSON only: {"reason": "<one short sentence>", "label": "CORRECT" | "WRONG"}',
  ]
    .filter((line, i, all) => line !== "" || (all[i - 1] ?? "") !== "")
    .join("\n");
}

function fromJson(raw: string): JudgeVerdict | null {
  const match = raw.match(/\{[\s\S]*\}/);
  if (!match) return null;
  let data: unknown;
  try {
    data = JSON.parse(match[0]);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const entries = Object.entries(data as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v] as const);
  const get = (...keys: string[]) => entries.find(([k]) => keys.includes(k))?.[1];
  const label = labelOf(String(get("label", "verdict", "grade", "result") ?? ""));
  if (!label) return null;
  const reason = get("reason", "explanation", "rationale");
  return { label, reason: typeof reason === "string" ? reason.trim() : "" };
}

function labelOf(text: string): JudgeVerdict["label"] | null {
  const m = text.match(/\b(not\s+correct|incorrect|correct|wrong)\b/i);
  if (!m) return null;
  return m[1]!.toLowerCase() === "correct" ? "CORRECT" : "WRONG";
}

/**
 * Parses raw judge text: JSON (also inside code fences, any key case), or prose such as
 * "CORRECT: because ..." / "label: wrong - reason". The first label word wins; "incorrect" and
 * "not correct" mean WRONG. Throws {@link JudgeParseError} when no label is found.
 */
export function parseJudgeOutput(raw: string): JudgeVerdict {
  const text = raw.trim();
  if (text === "") throw new JudgeParseError("Judge output is empty");
  const json = fromJson(text);
  if (json) return json;
  const m = text.match(/\b(not\s+correct|incorrect|correct|wrong)\b/i);
  if (!m || m.index === undefined) {
    throw new JudgeParseError(`Judge output has no CORRECT/WRONG label: ${JSON.stringify(text.slice(0, 200))}`);
  }
  const label = labelOf(m[0])!;
  const after = text
    .slice(m.index + m[0].length)
    .replace(/^[\s*"'`:.,;\-–—)]+/, "")
    .replace(/^(reason|because)\s*[:\-–—]\s*/i, "");
  const before = text
    .slice(0, m.index)
    .replace(/\b(label|verdict|grade)\s*[:=]?\s*[*"'`]*\s*$/i, "")
    .trim();
  return { label, reason: (after || before).replace(/[*`]+/g, "").trim() };
}
