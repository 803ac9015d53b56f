import { z } from "zod";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;
const isoDate = z.string().regex(ISO_DATE, "expected an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)");

/** What a probe tests. */
export const Skill = z.enum(["fact-recall", "preference", "update", "entity", "temporal", "abstention"]);
/** What a probe tests. */
export type Skill = z.infer<typeof Skill>;

/** Every skill, in report order. */
export const SKILLS: readonly Skill[] = Skill.options;

/** Categories a gold fact may use (the built-in memory categories). */
export const FactCategory = z.enum(["personal", "work", "health", "hobby", "food", "travel", "relationships", "other"]);

/** A fact, preference or task that a user turn states ("oracle extraction"). */
export const GoldFact = z.strictObject({
  id: z.string().min(1),
  content: z.string().min(1),
  type: z.enum(["fact", "preference", "task"]),
  category: FactCategory,
  importance: z.number().min(0).max(1),
  eventDate: isoDate.optional(),
  supersedes: z.string().min(1).optional(),
});
/** A fact, preference or task that a user turn states. */
export type GoldFact = z.infer<typeof GoldFact>;

/** A person, place, pet, organization, thing or event a user turn introduces or updates. */
export const GoldEntity = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(["person", "place", "pet", "organization", "thing", "event"]),
  attributes: z.record(z.string(), z.string()),
  /** Set when the turn says the entity is now in the user's past ("former") or back in their life ("current"). */
  status: z.enum(["current", "former"]).optional(),
});
/** A person, place, pet, organization, thing or event a user turn introduces or updates. */
export type GoldEntity = z.infer<typeof GoldEntity>;

/** One user message, an optional canned assistant reply, and what the message states. */
export const Turn = z.strictObject({
  id: z.string().min(1),
  /** Assistant message(s) shown before the user's message, e.g. when the other side spoke first. */
  assistantOpener: z.string().optional(),
  user: z.string().min(1),
  assistant: z.string().optional(),
  facts: z.array(GoldFact).default([]),
  entities: z.array(GoldEntity).default([]),
  /** Ids of the source messages this turn was built from (converted datasets). */
  sourceIds: z.array(z.string()).optional(),
});
/** One user message, an optional canned assistant reply, and what the message states. */
export type Turn = z.infer<typeof Turn>;

/** One conversation on one date; a new session starts a new thread. */
export const Session = z.strictObject({
  id: z.string().min(1),
  date: isoDate,
  turns: z.array(Turn),
});
/** One conversation on one date. */
export type Session = z.infer<typeof Session>;

/** A question asked in a session, with its gold answer and the evidence a prompt must hold. */
export const Probe = z.strictObject({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  /** "start" asks before the session's first turn; a turn id asks right after that turn. */
  askAfter: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().min(1),
  skill: Skill,
  evidence: z.array(z.string().min(1)),
  stale: z.array(z.string().min(1)).optional(),
  evidenceTurnIds: z.array(z.string().min(1)).optional(),
  tags: z.array(z.string()).optional(),
});
/** A question asked in a session, with its gold answer and evidence. */
export type Probe = z.infer<typeof Probe>;

/** Static sign-up profile used by tier D; deliberately incomplete and partly stale. */
export const Profile = z.object({ name: z.string().min(1) }).catchall(z.string());
/** Static sign-up profile used by tier D. */
export type Profile = z.infer<typeof Profile>;

const ScenarioShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9:._-]*$/i, "expected a slug id"),
  title: z.string().min(1),
  domains: z.array(z.string()).default([]),
  source: z.string().optional(),
  profile: Profile,
  sessions: z.array(Session).min(1),
  probes: z.array(Probe),
});

type ScenarioDraft = z.infer<typeof ScenarioShape>;

function checkReferences(s: ScenarioDraft, ctx: z.core.$RefinementCtx<ScenarioDraft>): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const turnIndex = new Map<string, number>();
  const factIndex = new Map<string, number>();
  let position = 0;
  s.sessions.forEach((session, si) => {
    if (si > 0 && session.date < s.sessions[si - 1]!.date) issue(["sessions", si, "date"], "sessions must be in date order");
    session.turns.forEach((turn, ti) => {
      if (turnIndex.has(turn.id)) issue(["sessions", si, "turns", ti, "id"], `duplicate turn id "${turn.id}"`);
      turnIndex.set(turn.id, position);
      turn.facts.forEach((fact, fi) => {
        const path = ["sessions", si, "turns", ti, "facts", fi];
        if (factIndex.has(fact.id)) issue([...path, "id"], `duplicate fact id "${fact.id}"`);
        if (fact.supersedes !== undefined && !factIndex.has(fact.supersedes)) {
          issue([...path, "supersedes"], `supersedes "${fact.supersedes}", which is not an earlier fact id`);
        }
        factIndex.set(fact.id, position);
      });
      position += 1;
    });
  });
  const sessionIds = new Set(s.sessions.map((x) => x.id));
  if (sessionIds.size !== s.sessions.length) issue(["sessions"], "duplicate session id");
  const probeIds = new Set<string>();
  s.probes.forEach((probe, pi) => {
    const path = ["probes", pi];
    if (probeIds.has(probe.id)) issue([...path, "id"], `duplicate probe id "${probe.id}"`);
    probeIds.add(probe.id);
    const session = s.sessions.find((x) => x.id === probe.sessionId);
    if (!session) issue([...path, "sessionId"], `unknown session "${probe.sessionId}"`);
    else if (probe.askAfter !== "start" && !session.turns.some((t) => t.id === probe.askAfter)) {
      issue([...path, "askAfter"], `"${probe.askAfter}" is neither "start" nor a turn of session "${session.id}"`);
    }
    for (const id of probe.evidenceTurnIds ?? []) {
      if (!turnIndex.has(id)) issue([...path, "evidenceTurnIds"], `unknown turn id "${id}"`);
    }
    const hasEvidence = probe.evidence.length > 0 || (probe.evidenceTurnIds?.length ?? 0) > 0;
    if (probe.skill === "abstention" && probe.evidence.length > 0) issue([...path, "evidence"], "abstention probes have no evidence");
    if (probe.skill !== "abstention" && !hasEvidence) issue([...path, "evidence"], "needs evidence phrases or evidenceTurnIds");
    if (probe.skill === "update" && (probe.stale?.length ?? 0) === 0) issue([...path, "stale"], "update probes list stale phrases");
  });
}

/** A user across several dated sessions, with probes; validated for internal references. */
export const Scenario = ScenarioShape.superRefine(checkReferences);
/** A user across several dated sessions, with probes. */
export type Scenario = z.infer<typeof Scenario>;
