import { isBaseMessage } from "@langchain/core/messages";
import { InvalidInputError } from "../config/errors.js";

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : typeof value;

function checkContent(content: unknown, where: string): void {
  if (typeof content === "string") return;
  if (!Array.isArray(content)) {
    throw new InvalidInputError(
      `${where}: content must be text or a list of text parts ({ type: "text", text: "..." }), not ${describe(content)}.`,
    );
  }
  content.forEach((part: unknown, i) => {
    if (typeof part === "string") return;
    const p = part as { type?: unknown; text?: unknown } | null;
    if (p && typeof p === "object" && p.type === "text" && typeof p.text === "string") return;
    const kind = p && typeof p === "object" && typeof p.type === "string" ? `a "${p.type}" part` : describe(part);
    throw new InvalidInputError(`${where}: content part ${i + 1} must be a text part ({ type: "text", text: "..." }), not ${kind}.`);
  });
}

function contentOf(message: unknown, where: string): unknown {
  if (typeof message === "string") return message;
  if (isBaseMessage(message)) return message.content;
  if (Array.isArray(message) && message.length === 2) return message[1];
  if (message && typeof message === "object") {
    const m = message as { content?: unknown; kwargs?: { content?: unknown } };
    return "content" in m ? m.content : m.kwargs?.content;
  }
  throw new InvalidInputError(`${where} must be a message ({ role: "user", content: "..." }), not ${describe(message)}.`);
}

/** Checks the messages of a run's input before the graph runs: each must carry text or text parts; throws InvalidInputError naming the message. */
export function checkTurnInput(input: unknown): void {
  if (!input || typeof input !== "object" || !("messages" in input)) return;
  const raw = (input as { messages: unknown }).messages;
  const messages: unknown[] = Array.isArray(raw) ? raw : [raw];
  messages.forEach((message, i) => checkContent(contentOf(message, `Message ${i + 1}`), `Message ${i + 1}`));
}
