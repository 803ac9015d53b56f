import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ConfigError } from "../config/errors.js";
import { ScriptedChatModel } from "./scripted-chat-model.js";

/** A stand-in for an unconfigured chat model: building on it works, any call fails with a ConfigError naming what needed one. */
export function noChatModel(who: string): BaseChatModel {
  const refuse = (): never => {
    throw new ConfigError(`${who} runs without a chat model, and this step needs one: set MEMORIA_CHAT_MODEL.`);
  };
  return new ScriptedChatModel({ reply: refuse, structured: refuse });
}
