import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import { randomUUID } from "node:crypto";

/** One scripted agent step: text to say, tool calls to make, or both. */
export interface ScriptedTurn {
  content?: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
}

/** Decides the next agent step from the conversation and the names of the bound tools. */
export type ScriptedAgentScript = (messages: BaseMessage[], tools: string[]) => ScriptedTurn;

/** Options of ScriptedToolCallingModel. */
export interface ScriptedToolCallingModelOptions extends BaseChatModelParams {
  script: ScriptedAgentScript;
}

/** Offline tool-calling chat model for agent tests and demos: a script picks tool calls or a reply; every prompt is recorded. */
export class ScriptedToolCallingModel extends BaseChatModel {
  readonly calls: BaseMessage[][];
  private readonly script: ScriptedAgentScript;
  private readonly tools: string[];

  constructor(options: ScriptedToolCallingModelOptions, bound?: { tools: string[]; calls: BaseMessage[][] }) {
    super(options);
    this.script = options.script;
    this.tools = bound?.tools ?? [];
    this.calls = bound?.calls ?? [];
  }

  _llmType(): string {
    return "scripted-tool-calling";
  }

  override bindTools(tools: { function?: { name?: string }; name?: string }[]): ScriptedToolCallingModel {
    const names = tools.map((t) => t.function?.name ?? t.name ?? "").filter(Boolean);
    return new ScriptedToolCallingModel({ script: this.script }, { tools: names, calls: this.calls });
  }

  private turn(messages: BaseMessage[]): AIMessageChunk {
    this.calls.push(messages);
    const { content = "", toolCalls = [] } = this.script(messages, this.tools);
    return new AIMessageChunk({
      content,
      tool_calls: toolCalls.map((c) => ({
        name: c.name,
        args: c.args,
        id: `call_${randomUUID().slice(0, 8)}`,
        type: "tool_call" as const,
      })),
    });
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const message = this.turn(messages);
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const message = this.turn(messages);
    const text = typeof message.content === "string" ? message.content : "";
    if (message.tool_calls?.length) {
      yield new ChatGenerationChunk({ text, message });
      return;
    }
    for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
      yield new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      await runManager?.handleLLMNewToken(piece);
    }
  }
}
