import { coerceMessageLikeToMessage, type BaseMessage, type BaseMessageLike } from "@langchain/core/messages";
import { InvalidInputError } from "../../config/errors.js";
import { messageText } from "../token-counter.js";

/** A chat message as `add` accepts it: every shape a graph run's `messages` accepts (`{ role, content }`, `{ type, content }`, a LangChain message, a `[role, content]` pair, a string as a user message). */
export type ApiMessage = BaseMessageLike;

const SHAPES = `{ role: "user", content: "..." }, a LangChain message, a [role, content] pair or a string`;

function toMessage(like: unknown, where: string): BaseMessage {
  try {
    return coerceMessageLikeToMessage(like as BaseMessageLike);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new InvalidInputError(`${where} must be a chat message (${SHAPES}): ${reason}`, { cause: error });
  }
}

/** The memory text of a message: its text parts joined, non-text parts (images, files) left out. */
function textOf(message: BaseMessage, where: string): string {
  const content: unknown = message.content;
  if (typeof content !== "string" && !Array.isArray(content)) {
    throw new InvalidInputError(
      `${where}: content must be text or a list of content parts, not ${content === null ? "null" : typeof content}.`,
    );
  }
  const typed = (part: unknown) =>
    typeof part === "string" || (!!part && typeof part === "object" && typeof (part as { type?: unknown }).type === "string");
  const bad = typeof content === "string" ? -1 : content.findIndex((part) => !typed(part));
  if (bad >= 0)
    throw new InvalidInputError(`${where}: content part ${bad + 1} must be text or a typed part ({ type: "text", text: "..." }).`);
  return messageText(message);
}

/**
 * The user's and the assistant's text in `add`'s input, normalised the way a graph run's input is (LangChain's message coercion):
 * user/human messages make the user text, assistant/ai messages the assistant text; system and tool messages are left out.
 */
export function addInputText(input: ApiMessage | ApiMessage[]): { user: string; assistant: string } {
  const list: unknown[] = Array.isArray(input) ? input : [input];
  const texts = { user: [] as string[], assistant: [] as string[] };
  list.forEach((like, i) => {
    const where = list.length === 1 ? "add's message" : `add's message ${i + 1}`;
    const message = toMessage(like, where);
    const role = message.getType() === "human" ? "user" : message.getType() === "ai" ? "assistant" : undefined;
    const text = role ? textOf(message, where).trim() : "";
    if (role && text) texts[role].push(text);
  });
  return { user: texts.user.join("\n"), assistant: texts.assistant.join("\n") };
}
