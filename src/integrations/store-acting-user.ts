import { AsyncLocalStorage } from "node:async_hooks";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { InvalidContextError } from "../config/errors.js";
import { userIdFromRunConfig } from "./run-user.js";

const directCall = new AsyncLocalStorage<true>();

/** Runs a store method called by the caller's own code (LangGraph's per-run batching calls `batch` instead, outside any run). */
export function asDirectCall<T>(call: () => Promise<T>): Promise<T> {
  return directCall.run(true, call);
}

/**
 * The user a store operation acts for: the store's bound user; else the user of the run the call comes from (LangGraph context
 * `userId`, else `configurable.userId`); else, for a direct call outside any run (trusted server-side code), undefined: the
 * namespace's user. A graph's batched call reaches the store outside its run, so it needs a bound store; without one it is refused.
 */
export function actingUser(bound: string | undefined): string | undefined {
  if (bound !== undefined) return bound;
  const run = AsyncLocalStorageProviderSingleton.getRunnableConfig() as Parameters<typeof userIdFromRunConfig>[0];
  if (run) return userIdFromRunConfig(run);
  if (directCall.getStore()) return undefined;
  throw new InvalidContextError(
    "This MemoriaStore does not know the run's user: give the graph the store with pinStore(graph, store) (each run then gets store.forUser(run's userId)), or pass store.forUser(userId).",
  );
}
