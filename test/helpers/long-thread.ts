import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Memoria } from "../../src/graph/create-memoria.js";
import type { Tier } from "../../src/graph/tiers.js";
import type { Summarizer } from "../../src/memory/extraction/extractor-types.js";
import { countMessageTokens, messageText } from "../../src/memory/token-counter.js";
import { ScriptedChatModel } from "../../src/providers/scripted-chat-model.js";

/** One measurement of a long thread after a given turn. */
export interface ThreadSample {
  turn: number;
  promptTokens: number;
  checkpointBytes: number;
  turnMs: number;
  stateMessages: number;
}

/** A scripted model for long threads: a fixed-length reply, no memories, no entities. */
export function longThreadModel(): ScriptedChatModel {
  return new ScriptedChatModel({
    reply: () => "Sure, I understand what you mean and I will keep it in mind for later.",
    structured: (tool) => (tool === "extract_memories" ? { memories: [] } : tool === "extract_entities" ? { entities: [] } : {}),
  });
}

/** A summarizer that does not compress: it appends every folded message to the previous summary. */
export const growingSummarizer: Summarizer = async ({ previousSummary, messages }) =>
  [previousSummary, ...messages.map((m) => messageText(m))].filter(Boolean).join("\n");

/** Bytes of the SQLite checkpoint file and its write-ahead log under a data directory. */
export function sqliteCheckpointBytes(dataDir: string): number {
  return ["checkpoints.sqlite", "checkpoints.sqlite-wal"]
    .map((f) => join(dataDir, f))
    .filter((p) => existsSync(p))
    .reduce((sum, p) => sum + statSync(p).size, 0);
}

/** Runs `turns` turns on one thread and samples prompt tokens, checkpoint bytes and turn time at the given turns. */
export async function runLongThread(opts: {
  app: Memoria;
  model: ScriptedChatModel;
  tier: Tier;
  turns: number;
  sampleAt: number[];
  checkpointBytes: () => Promise<number> | number;
  threadId?: string;
}): Promise<ThreadSample[]> {
  const samples: ThreadSample[] = [];
  const threadId = opts.threadId ?? `long-${opts.tier}`;
  for (let turn = 1; turn <= opts.turns; turn++) {
    const text = `Turn ${turn}: here is another detail about my week, the weather and my plans for ${turn % 7 === 0 ? "Sunday" : "work"}.`;
    const t = performance.now();
    const out = await opts.app.graph.invoke(
      { messages: [{ role: "user", content: text }] },
      { configurable: { thread_id: threadId }, context: { userId: `long-${opts.tier}`, tier: opts.tier } },
    );
    const turnMs = performance.now() - t;
    if (!opts.sampleAt.includes(turn)) continue;
    const reply = [...opts.model.log.calls].reverse().find((c) => !c.tool)!;
    samples.push({
      turn,
      promptTokens: countMessageTokens(reply.messages),
      checkpointBytes: await opts.checkpointBytes(),
      turnMs,
      stateMessages: out.messages.length,
    });
  }
  return samples;
}
