import type { BaseMessage } from "@langchain/core/messages";
import type { Memoria } from "../graph/create-memoria.js";
import { NODES } from "../graph/routes.js";
import type { MemoriaStateType } from "../graph/state.js";
import { messageText } from "../memory/token-counter.js";
import type { ChatSession } from "./chat-session.js";

/** The text of a reply and the graph state after the turn. */
export interface StreamedTurn {
  reply: string;
  state?: MemoriaStateType;
}

/** Runs one turn through the graph, writing the respond node's tokens to `write` as they arrive. */
export async function streamReply(
  memoria: Memoria,
  session: ChatSession,
  text: string,
  write: (chunk: string) => void,
  signal?: AbortSignal,
): Promise<StreamedTurn> {
  const stream = await memoria.graph.stream(
    { messages: [{ role: "user", content: text }] },
    { ...session.runConfig(), streamMode: ["messages", "values"], signal },
  );
  let reply = "";
  let state: MemoriaStateType | undefined;
  for await (const [mode, payload] of stream) {
    if (mode === "values") {
      state = payload as MemoriaStateType;
      continue;
    }
    const [chunk, meta] = payload as [BaseMessage, { langgraph_node?: string }];
    if (meta.langgraph_node !== NODES.respond) continue;
    const piece = messageText(chunk);
    if (!piece) continue;
    reply += piece;
    write(piece);
  }
  if (!reply && state) {
    const last = state.messages.at(-1);
    if (last && last.getType() === "ai") {
      reply = messageText(last);
      write(reply);
    }
  }
  return { reply, state };
}
