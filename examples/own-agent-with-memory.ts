import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { isAIMessage, SystemMessage } from "@langchain/core/messages";
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { END, MemorySaver, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import {
  createMemoria,
  MemoriaError,
  MemoriaState,
  memoriaNodes,
  renderMemoryContext,
  type Memoria,
  type MemoriaStateType,
} from "../src/index.js";

/** A tool of the user's own agent, unrelated to memory. */
export const weatherTool = tool(async ({ city }) => `It is sunny and 21°C in ${city}.`, {
  name: "get_weather",
  description: "Current weather in a city.",
  schema: z.object({ city: z.string().describe("City name") }),
});

/** Your own tool-calling agent, with memoria's retrieve node in front and background extraction after the final reply. */
export function buildAgentWithMemory(options: {
  memoria: Memoria;
  model: BaseChatModel;
  tools?: StructuredToolInterface[];
  checkpointer?: BaseCheckpointSaver;
}) {
  const tools = options.tools ?? [weatherTool];
  const memory = memoriaNodes(options.memoria, { extraction: "background" });
  const model = options.model.bindTools!(tools);

  const agent = async (state: MemoriaStateType, config: LangGraphRunnableConfig) => {
    const context = renderMemoryContext(state);
    const system = new SystemMessage(`You are a helpful assistant with tools.${context ? `\n\n${context}` : ""}`);
    return { messages: [await model.invoke([system, ...state.messages], config)] };
  };
  const next = (state: MemoriaStateType) => {
    const last = state.messages.at(-1);
    return last && isAIMessage(last) && last.tool_calls?.length ? "tools" : "remember";
  };

  return new StateGraph(MemoriaState)
    .addNode("recall", memory.retrieve)
    .addNode("agent", agent)
    .addNode("tools", new ToolNode(tools))
    .addNode("remember", memory.extractFacts)
    .addEdge(START, "recall")
    .addEdge("recall", "agent")
    .addConditionalEdges("agent", next, ["tools", "remember"])
    .addEdge("tools", "agent")
    .addEdge("remember", END)
    .compile({ checkpointer: options.checkpointer ?? new MemorySaver(), name: "own-agent-with-memory" });
}

async function main(): Promise<void> {
  const memoria = await createMemoria();
  try {
    const graph = buildAgentWithMemory({ memoria, model: memoria.deps.chatModel });
    const ask = async (thread: string, text: string) => {
      const state = await graph.invoke(
        { messages: [{ role: "user", content: text }] },
        { configurable: { thread_id: thread }, context: { userId: "demo-user" } },
      );
      console.log(`> ${text}\n${state.messages.at(-1)?.text}\n`);
    };
    await ask("thread-1", "I live in Lisbon and I'm vegetarian. What's the weather at home?");
    await memoria.background.drain();
    await ask("thread-2", "Suggest a dinner for tonight, given the weather where I live.");
  } finally {
    await memoria.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof MemoriaError ? error.message : error);
    process.exit(1);
  });
}
