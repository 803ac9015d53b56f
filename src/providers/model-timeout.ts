import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ModelTimeoutError } from "../config/errors.js";

/** Default time one chat model call may take before it fails with ModelTimeoutError (MEMORIA_MODEL_TIMEOUT_MS's default). */
export const DEFAULT_MODEL_TIMEOUT_MS = 120_000;

type Invoke = (input: unknown, options?: Record<string, unknown>) => Promise<unknown>;

/**
 * Runs one model call with LangChain's `signal` call option aborted at the deadline (ChatOpenAI and ChatLlamaCpp stop their
 * request), and fails it with ModelTimeoutError then even when the model ignores the signal (BaseChatModel.invoke does not race it).
 */
function timedInvoke(invoke: Invoke, timeoutMs: number, modelName: string): Invoke {
  return async (input, options = {}) => {
    const controller = new AbortController();
    const outer = options.signal as AbortSignal | undefined;
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ModelTimeoutError(
          `The chat model (${modelName}) did not answer within ${timeoutMs} ms (MEMORIA_MODEL_TIMEOUT_MS).`,
        );
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      return await Promise.race([invoke(input, { ...options, signal }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const WRAPPED_RESULTS = new Set<PropertyKey>(["withStructuredOutput", "bindTools", "withConfig"]);
const timedModels = new WeakSet<object>();

function timed<T extends object>(runnable: T, timeoutMs: number, modelName: string): T {
  const proxy = new Proxy(runnable, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "invoke") return timedInvoke((input, options) => (value as Invoke).call(receiver, input, options), timeoutMs, modelName);
      if (WRAPPED_RESULTS.has(prop)) {
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(receiver, args);
          return result && typeof result === "object" && "invoke" in result ? timed(result, timeoutMs, modelName) : result;
        };
      }
      return value;
    },
  });
  timedModels.add(proxy);
  return proxy;
}

/**
 * memoria's one model deadline: wraps a chat model so that every call through it (invoke, and the runnables returned by
 * withStructuredOutput, bindTools and withConfig) fails with ModelTimeoutError after `timeoutMs` instead of waiting forever.
 * A model already wrapped is returned as is, so a call never runs under two deadlines.
 */
export function withModelTimeout<M extends BaseChatModel>(model: M, timeoutMs: number): M {
  return timedModels.has(model) ? model : timed(model, timeoutMs, model._llmType());
}
