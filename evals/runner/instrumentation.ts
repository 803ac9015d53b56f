import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { BaseMessage } from "@langchain/core/messages";
import type { Serialized } from "@langchain/core/load/serializable";
import type { GraphDeps } from "../../src/graph/deps.js";
import { NODES } from "../../src/graph/routes.js";

/** Wall time covered by overlapping async calls (first start to last end), reset per turn. */
export class SpanMeter {
  private start: number | undefined;
  private end: number | undefined;

  /** Forgets the previous turn. */
  reset(): void {
    this.start = undefined;
    this.end = undefined;
  }

  /** Milliseconds from the first timed call's start to the last one's end (0 when nothing ran). */
  get ms(): number {
    return this.start === undefined || this.end === undefined ? 0 : this.end - this.start;
  }

  /** Runs and times one call. */
  async time<T>(call: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    this.start = Math.min(this.start ?? t0, t0);
    try {
      return await call();
    } finally {
      this.end = Math.max(this.end ?? 0, performance.now());
    }
  }
}

function timed<T extends object>(target: T, methods: readonly string[], meter: SpanMeter): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => Promise<unknown>;
      return methods.includes(String(prop)) ? (...args: unknown[]) => meter.time(() => fn.apply(obj, args)) : fn.bind(obj);
    },
  });
}

/** Wraps the graph's memory reads (memory search and profile, entity lookup) so the meter times retrieval. */
export function timeRetrieval(deps: GraphDeps, meter: SpanMeter): void {
  if (deps.memory) deps.memory = timed(deps.memory, ["search", "profile"], meter);
  if (deps.entities) deps.entities = timed(deps.entities, ["relevant"], meter);
}

/** Records the messages the respond node sends to the chat model (the tier's full prompt). */
export class RespondPromptCapture extends BaseCallbackHandler {
  name = "respond-prompt-capture";
  messages: BaseMessage[] | undefined;

  /** Forgets the previous turn. */
  reset(): void {
    this.messages = undefined;
  }

  override handleChatModelStart(
    _llm: Serialized,
    messages: BaseMessage[][],
    _runId: string,
    _parentRunId?: string,
    _extra?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): void {
    if (metadata?.langgraph_node === NODES.respond) this.messages = messages[0];
  }
}
