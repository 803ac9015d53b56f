import { isHumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, inject, it } from "vitest";
import { loadScenarios, pickScenarios } from "../../evals/dataset/load-dataset.js";
import { parseEvalArgs, DEFAULT_LOCOMO_LIMIT } from "../../evals/runner/cli-args.js";
import { langsmithEnabled } from "../../evals/runner/langsmith-log.js";
import { runEval } from "../../evals/runner/run-eval.js";
import { judgeAnswer, scoreAnswer } from "../../evals/runner/score-answer.js";
import { sessionTime, renderProfile } from "../../evals/runner/turn-clock.js";
import { messageText } from "../../src/memory/token-counter.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";

const lastText = (messages: BaseMessage[]) => messageText(messages.at(-1)!);

describe("answer scoring with a scripted judge", () => {
  it("labels JSON and prose verdicts, and leaves unparseable ones out (null)", async () => {
    const judge = (text: string) => new ScriptedChatModel({ reply: () => text });
    const input = { question: "Where do I live?", goldAnswer: "Lisbon", answer: "You live in Lisbon." };
    expect(await judgeAnswer(judge('{"reason": "same city", "label": "CORRECT"}'), input)).toEqual({ correct: true, reason: "same city" });
    expect((await judgeAnswer(judge("WRONG - different city"), input)).correct).toBe(false);
    expect((await judgeAnswer(judge("no idea"), input)).correct).toBeNull();
  });

  it("sends the judge the question, gold answer and answer, and adds token F1 and exact match", async () => {
    const judge = new ScriptedChatModel({ reply: () => '{"reason":"ok","label":"CORRECT"}' });
    const score = await scoreAnswer(judge, { question: "Which city?", goldAnswer: "Lisbon", answer: "Lisbon", skill: "update" });
    expect(score).toEqual({ correct: true, judgeReason: "ok", f1: 1, exactMatch: 1 });
    const prompt = lastText(judge.calls[0]!);
    expect(prompt).toContain("Gold answer: Lisbon");
    expect(prompt).toContain("old value as current");
  });
});

describe("answer mode end to end with scripted models", () => {
  it("replays with LLM extraction, answers every probe and judges it", async () => {
    const [scenario] = pickScenarios(await loadScenarios(), ["maggie-allotment"]);
    const chat = new ScriptedChatModel({
      reply: (messages) => (lastText(messages).includes("?") ? "I think it's York." : "Okay."),
      structured: (tool) => (tool === "extract_entities" ? { entities: [] } : { memories: [] }),
    });
    const judge = new ScriptedChatModel({ reply: (m) => (lastText(m).includes("Gold answer: York") ? "CORRECT: same city" : "WRONG: no") });
    const run = await runEval({
      mode: "answer",
      tiers: ["F", "A"],
      scenarios: [scenario!],
      dataset: "personalization",
      datasetKind: "personalization",
      embeddings: "hash",
      chromaUrl: inject("chromaUrl"),
      env: {},
      models: { chat, judge },
    });
    expect(run.results).toHaveLength(scenario!.probes.length * 2);
    for (const r of run.results) {
      expect(r.answer).toBe("I think it's York.");
      expect(typeof r.correct).toBe("boolean");
      expect(r.f1).toBeGreaterThanOrEqual(0);
    }
    expect(run.results.find((r) => r.probeId === "p9" && r.tier === "A")?.correct).toBe(true);
    expect(chat.log.calls.some((c) => c.tool === "extract_memories")).toBe(true);
    const probeQuestions = new Set(scenario!.probes.map((p) => p.question));
    const extractedFromProbe = chat.log.calls.filter(
      (c) => c.tool && c.messages.some((m) => isHumanMessage(m) && [...probeQuestions].some((q) => messageText(m).includes(q))),
    );
    expect(extractedFromProbe).toEqual([]);
  }, 120_000);
});

describe("eval CLI pieces", () => {
  it("parses options with defaults, and limits LoCoMo runs by default", () => {
    expect(parseEvalArgs([])).toMatchObject({
      command: "run",
      mode: "context",
      tiers: ["F", "D", "C", "B", "A"],
      out: "evals/results/runs",
      embeddings: "local",
      publish: false,
    });
    expect(parseEvalArgs(["--publish"]).publish).toBe(true);
    expect(() => parseEvalArgs(["--publish", "--tiers", "A"])).toThrow(/--publish takes only the default run/);
    expect(parseEvalArgs(["--tiers", "a,c", "--scenarios", "x,y", "--mode", "answer", "--judge-model", "openai:gpt-4o"])).toMatchObject({
      tiers: ["C", "A"],
      scenarios: ["x", "y"],
      mode: "answer",
      judgeModel: "openai:gpt-4o",
    });
    expect(parseEvalArgs(["--data", "l.json"]).limit).toBe(DEFAULT_LOCOMO_LIMIT);
    expect(parseEvalArgs(["--data", "l.json", "--limit", "5"]).limit).toBe(5);
    expect(parseEvalArgs(["locomo", "--data", "l.json"])).toMatchObject({ command: "locomo", rest: ["--data", "l.json"] });
    expect(() => parseEvalArgs(["--tiers", "Z"])).toThrow(/--tiers/);
    expect(() => parseEvalArgs(["--mode", "x"])).toThrow(/--mode/);
    expect(() => parseEvalArgs(["--limit", "-1"])).toThrow(/--limit/);
  });

  it("places turns in time and renders the static profile", () => {
    expect(sessionTime("2024-03-02", 0)).toBe("2024-03-02T09:00:00.000Z");
    expect(sessionTime("2023-05-08T13:56", 2, 30)).toBe("2023-05-08T13:58:30.000Z");
    expect(renderProfile({ name: "Tom", city: "Leeds" })).toBe("name: Tom\ncity: Leeds");
  });

  it("keeps LangSmith off without an API key", () => {
    expect(langsmithEnabled({})).toBe(false);
    expect(langsmithEnabled({ LANGSMITH_API_KEY: " " })).toBe(false);
    expect(langsmithEnabled({ LANGSMITH_API_KEY: "lsv2_x" })).toBe(true);
  });
});
