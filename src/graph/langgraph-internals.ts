import { installedVersion, requireTestedVersion } from "../config/dependency-version.js";

/** The @langchain/langgraph release whose internals this file relies on, as tested (package.json pins it with `~`). */
export const LANGGRAPH_TESTED_VERSION = "1.7.3";

/** A compiled graph's run entry point. */
export type RunStream = (input: unknown, options?: unknown) => Promise<AsyncIterable<unknown>>;

/** A compiled graph's per-run defaults step: it receives each run's config and settles its store, checkpointer and options. */
export type RunDefaults<C> = (config: C) => unknown;

/** Throws DependencyVersionError unless the installed @langchain/langgraph is the tested minor release. */
export function checkLangGraphVersion(installed = installedVersion("@langchain/langgraph", import.meta.url)): void {
  requireTestedVersion(
    "@langchain/langgraph",
    LANGGRAPH_TESTED_VERSION,
    installed,
    "a compiled graph's stream entry and per-run _defaults",
  );
}

/**
 * Replaces this compiled graph's `stream` with `wrap(stream)`. In @langchain/langgraph 1.7, `invoke` and `streamEvents`
 * (v1, v2 and v3) call `this.stream`, so the wrapper sees every run once (test/graph/langgraph-internals.test.ts checks it).
 */
export function interceptRuns(graph: object, wrap: (stream: RunStream) => RunStream): void {
  checkLangGraphVersion();
  const target = graph as { stream: RunStream };
  target.stream = wrap(target.stream.bind(graph));
}

/**
 * Replaces this compiled graph's internal per-run defaults (Pregel `_defaults`, which reads `config.store` when the run
 * gives one and the graph's store otherwise) with `wrap(defaults)`.
 */
export function interceptRunDefaults<C>(graph: object, wrap: (defaults: RunDefaults<C>) => RunDefaults<C>): boolean {
  checkLangGraphVersion();
  const pregel = graph as { _defaults?: RunDefaults<C> };
  if (typeof pregel._defaults !== "function") return false;
  pregel._defaults = wrap(pregel._defaults.bind(graph));
  return true;
}
