import { isAIMessage, isHumanMessage, isToolMessage, type BaseMessage } from "@langchain/core/messages";
import { messageText } from "../../src/memory/token-counter.js";
import { ScriptedToolCallingModel, type ScriptedTurn } from "../../src/providers/scripted-tool-model.js";

/** One rule of the scripted agent: when the user's message matches, make this tool call. */
export interface AgentRule {
  when: RegExp;
  call: (match: RegExpMatchArray) => { name: string; args: Record<string, unknown> };
}

/** A scripted tool-calling agent: on a user message it makes the first matching tool call, then replies with the tool's result (or "OK."). */
export function scriptedAgentModel(rules: AgentRule[]): ScriptedToolCallingModel {
  return new ScriptedToolCallingModel({
    script: (messages: BaseMessage[]): ScriptedTurn => {
      const last = messages.at(-1)!;
      if (isToolMessage(last)) return { content: `Tool said: ${messageText(last)}` };
      if (isHumanMessage(last)) {
        const text = messageText(last);
        for (const rule of rules) {
          const match = text.match(rule.when);
          if (match) return { toolCalls: [rule.call(match)] };
        }
      }
      if (isAIMessage(last)) return { content: "Done." };
      return { content: "OK." };
    },
  });
}
