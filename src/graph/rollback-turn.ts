import { RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import { NODES } from "./routes.js";

/** The part of a thread's state a failed run may have changed. */
export interface ThreadSnapshot {
  values: Record<string, unknown>;
}

/** The state reads and writes a rollback needs from a compiled graph. */
export interface ThreadState {
  getState(config: RunnableConfig): Promise<ThreadSnapshot>;
  updateState(config: RunnableConfig, values: Record<string, unknown>, asNode?: string): Promise<unknown>;
}

const messagesOf = (snapshot: ThreadSnapshot): BaseMessage[] => (snapshot.values.messages as BaseMessage[] | undefined) ?? [];

/** Puts a thread back as it was before a failed run: the run's messages are removed and the per-turn state restored. */
export async function rollbackTurn(graph: ThreadState, thread: RunnableConfig, before: ThreadSnapshot): Promise<void> {
  const kept = new Set(messagesOf(before).map((m) => m.id));
  const added = messagesOf(await graph.getState(thread)).filter((m) => m.id && !kept.has(m.id));
  const v = before.values;
  await graph.updateState(
    thread,
    {
      messages: added.map((m) => new RemoveMessage({ id: m.id! })),
      summary: v.summary ?? "",
      memories: v.memories ?? [],
      entities: v.entities ?? [],
      userProfile: v.userProfile ?? "",
    },
    NODES.summarize,
  );
}
