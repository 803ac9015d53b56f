import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { isAIMessage, type BaseMessage } from "@langchain/core/messages";
import { evidenceLocality } from "../dataset/evidence-locality.js";
import type { Probe, Scenario, Session, Turn } from "../dataset/schema.js";
import { probesAt } from "../dataset/timeline.js";
import type { Memoria } from "../../src/graph/create-memoria.js";
import type { MemoriaContextInput } from "../../src/graph/context.js";
import { NODES } from "../../src/graph/routes.js";
import type { MemoriaStateType } from "../../src/graph/state.js";
import type { Tier } from "../../src/graph/tiers.js";
import { messageText } from "../../src/memory/token-counter.js";
import type { RespondPromptCapture, SpanMeter } from "./instrumentation.js";
import { scoreAnswer } from "./score-answer.js";
import { fullHistoryTokens, scoreContext, scoreControls } from "./score-context.js";
import { renderProfile, sessionTime } from "./turn-clock.js";
import type { EvalMode, ProbeResult } from "./types.js";

/** What replaying a scenario needs: the running graph, the instruments, and how to score. */
export interface ReplayDeps {
  memoria: Memoria;
  capture: RespondPromptCapture;
  meter: SpanMeter;
  mode: EvalMode;
  /** Judge for answer mode. */
  judge?: BaseChatModel;
  /** Appended to every probe question (LoCoMo's short-answer instruction in answer mode). */
  questionSuffix?: string;
  /** Called after each probe. */
  onProbe?: (result: ProbeResult) => void;
  /** Merged into every turn's run context. */
  contextOverrides?: Partial<MemoriaContextInput>;
}

/** The user id of a scenario at a tier: distinct per tier so tiers never share memories. */
export const evalUserId = (scenario: Scenario, tier: Tier): string => `${scenario.id}:${tier}`;

const turnInput = (turn: Turn) => ({
  messages: [
    ...(turn.assistantOpener ? [{ role: "assistant", content: turn.assistantOpener }] : []),
    { role: "user", content: turn.user, id: turn.id },
  ],
});

/**
 * Writes the uses the last graph call queued (access counts are batched on a short timer), so the next search ranks
 * with them whatever the machine's speed: replayed turns follow each other faster than a user's would.
 */
const settleAccess = (memoria: Memoria): Promise<unknown> =>
  Promise.all([memoria.stores.memory.flushAccess(), memoria.stores.entities.flushAccess()]);

/** Replays every session of a scenario through the graph at one tier (one thread per session), asking each probe where it belongs. */
export async function replayScenario(deps: ReplayDeps, scenario: Scenario, tier: Tier): Promise<ProbeResult[]> {
  const { graph, stores } = deps.memoria;
  const userId = evalUserId(scenario, tier);
  await Promise.all([stores.memory.deleteUser(userId), stores.entities.deleteUser(userId)]);
  const base: MemoriaContextInput = {
    ...deps.contextOverrides,
    userId,
    tier,
    ...(tier === "D" ? { profile: renderProfile(scenario.profile) } : {}),
  };
  const results: ProbeResult[] = [];
  const ask = async (session: Session, after: string, minute: number) => {
    for (const probe of probesAt(scenario, session.id, after)) {
      const result = await askProbe(
        deps,
        scenario,
        probe,
        { ...base, now: sessionTime(session.date, minute, 30) },
        `${userId}:${session.id}`,
      );
      results.push(result);
      deps.onProbe?.(result);
    }
  };
  for (const session of scenario.sessions) {
    const thread = { configurable: { thread_id: `${userId}:${session.id}` } };
    await ask(session, "start", 0);
    for (const [i, turn] of session.turns.entries()) {
      await graph.invoke(turnInput(turn), { ...thread, context: { ...base, now: sessionTime(session.date, i + 1) } });
      await settleAccess(deps.memoria);
      await ask(session, turn.id, i + 1);
    }
  }
  return results;
}

/** Source message ids of the memories the prompt was built from (the replay gives each user message its turn id). */
const sourceIdsOf = (memories: MemoriaStateType["memories"] | undefined): string[] => (memories ?? []).flatMap((m) => m.messageIds ?? []);

/** Asks one probe on a copy of the session's thread, so the question never becomes part of the replayed conversation. */
async function askProbe(
  deps: ReplayDeps,
  scenario: Scenario,
  probe: Probe,
  context: MemoriaContextInput,
  threadId: string,
): Promise<ProbeResult> {
  const { graph } = deps.memoria;
  const state = (await graph.getState({ configurable: { thread_id: threadId } })).values as Partial<MemoriaStateType>;
  const probeThread = { configurable: { thread_id: `${threadId}:probe:${probe.id}` } };
  if (state.messages?.length) {
    await graph.updateState(probeThread, { messages: state.messages, summary: state.summary ?? "" }, NODES.summarize);
  }
  deps.capture.reset();
  deps.meter.reset();
  const question = `${probe.question}${deps.questionSuffix ?? ""}`;
  const started = performance.now();
  const out = await graph.invoke(
    { messages: [{ role: "user", content: question }] },
    { ...probeThread, context, callbacks: [deps.capture], interruptAfter: [NODES.respond] },
  );
  const turnMs = performance.now() - started;
  await settleAccess(deps.memoria);
  const sent = deps.capture.messages;
  if (!sent) throw new Error(`probe ${scenario.id}/${probe.id}: the respond node sent no prompt`);
  const result: ProbeResult = {
    scenarioId: scenario.id,
    probeId: probe.id,
    tier: context.tier!,
    skill: probe.skill,
    locality: evidenceLocality(scenario, probe),
    tags: probe.tags ?? [],
    question: probe.question,
    goldAnswer: probe.answer,
    ...scoreContext(scenario, probe, sent, sourceIdsOf(out.memories as MemoriaStateType["memories"] | undefined)),
    fullHistoryTokens: fullHistoryTokens(scenario, probe),
    retrievalMs: deps.meter.ms,
    turnMs,
  };
  if (probe.evidenceTurnIds?.length) result.controls = scoreControls(scenario, probe, result.promptTokens);
  if (deps.mode === "answer") {
    if (!deps.judge) throw new Error("answer mode needs a judge model");
    const reply = (out.messages as BaseMessage[]).findLast((m) => isAIMessage(m));
    const answer = reply ? messageText(reply) : "";
    const scored = await scoreAnswer(deps.judge, {
      question: probe.question,
      goldAnswer: probe.answer,
      answer,
      skill: probe.skill,
      askedOn: context.now?.slice(0, 10),
    });
    Object.assign(result, { answer, ...scored });
  }
  return result;
}
