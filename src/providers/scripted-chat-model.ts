import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { ChatGenerationChunk } from "@langchain/core/outputs";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { randomUUID } from "node:crypto";

/** Produces the model's reply text for a prompt. */
export type ScriptedReply = (messages: BaseMessage[]) => string;
/** Produces the arguments of a structured-output (tool) call for a prompt. */
export type ScriptedStructured = (toolName: string, messages: BaseMessage[]) => unknown;

/** Options of the scripted chat model. */
export interface ScriptedChatModelOptions extends BaseChatModelParams {
  reply?: ScriptedReply;
  structured?: ScriptedStructured;
}

/** Shared record of every prompt a scripted model and its bound copies were sent. */
export interface PromptLog {
  calls: { messages: BaseMessage[]; tool?: string }[];
}

/** Offline chat model that answers from scripts and records every prompt (for tests, demos and context-mode evals). */
export class ScriptedChatModel extends BaseChatModel {
  readonly log: PromptLog;
  private readonly reply: ScriptedReply;
  private readonly structured: ScriptedStructured;
  private readonly tool?: string;

  constructor(options: ScriptedChatModelOptions = {}, shared?: { log: PromptLog; tool?: string }) {
    super(options);
    this.reply = options.reply ?? (() => "OK.");
    this.structured = options.structured ?? (() => ({}));
    this.log = shared?.log ?? { calls: [] };
    this.tool = shared?.tool;
  }

  /** Every prompt sent so far, oldest first. */
  get calls(): BaseMessage[][] {
    return this.log.calls.map((c) => c.messages);
  }

  _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: { function?: { name?: string }; name?: string }[]): ScriptedChatModel {
    const tool = tools[0]?.function?.name ?? tools[0]?.name;
    return new ScriptedChatModel({ reply: this.reply, structured: this.structured }, { log: this.log, tool });
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.log.calls.push({ messages, tool: this.tool });
    if (this.tool) {
      const args = this.structured(this.tool, messages) as Record<string, unknown>;
      const message = new AIMessageChunk({ content: "", tool_calls: [{ name: this.tool, args, id: randomUUID(), type: "tool_call" }] });
      return { generations: [{ text: "", message }] };
    }
    const text = this.reply(messages);
    return { generations: [{ text, message: new AIMessage(text) }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const { generations } = await this._generate(messages);
    if (this.tool) {
      yield new ChatGenerationChunk({ text: "", message: generations[0]!.message as AIMessageChunk });
      return;
    }
    const text = generations[0]?.text ?? "";
    for (const piece of text.match(/\S+\s*|\s+/g) ?? []) {
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece);
    }
  }
}
