import { ConfigError, InvalidInputError } from "../../config/errors.js";
import { silentLogger } from "../../config/logger.js";
import type { WriteOutcome } from "../interfaces.js";
import { addInputText, type ApiMessage } from "./add-input.js";
import { apiNow, asIs, checkMetadata, checkUserId } from "./api-checks.js";
import { expiresAtOf } from "./expiry.js";
import type { AddManyItem, AddManyOptions, AddOptions, MemoryApiDeps } from "./memory-api-types.js";
import { checkScope } from "./scope.js";

/** MemoryApi.add: memories from a text or messages, inferred and reconciled (infer=true) or stored as is (infer=false). */
export async function addMemories(
  deps: MemoryApiDeps,
  input: string | ApiMessage | ApiMessage[],
  options: AddOptions,
): Promise<WriteOutcome[]> {
  const userId = checkUserId(options.userId);
  const { user: userMessage, assistant } = addInputText(input);
  if (!userMessage) throw new InvalidInputError("add needs a non-empty text or at least one user message.");
  const { md, own } = checkMetadata(options.metadata);
  const now = apiNow(deps, options.now);
  const expiresAt = expiresAtOf(options, now);
  const scope = checkScope(options);
  if (options.infer === false) {
    const { memory, source } = asIs(userMessage, md);
    return [await deps.memory.insert(userId, { ...memory, expiresAt, ...scope }, source, now)];
  }
  const subject = md.subject ?? null;
  const source = { threadId: md.threadId, messageIds: md.messageIds ?? [] };
  if (!deps.factExtractor)
    throw new ConfigError("add with infer=true needs a fact extractor (a chat model); pass infer: false to store text as is.");
  const extraction = {
    userId,
    userMessage,
    assistantMessage: assistant || undefined,
    now,
    threadId: md.threadId,
  };
  const memories = (await deps.factExtractor(extraction)).map((m) => ({
    ...m,
    subject: m.subject ?? subject,
    metadata: own,
    expiresAt,
    ...scope,
  }));
  const outcomes = await deps.memory.write(userId, memories, source, now, "api");
  if (deps.entityExtractor) {
    try {
      const updates = await deps.entityExtractor(extraction);
      if (updates.length) await deps.entities.merge(userId, updates, now);
    } catch (error) {
      (deps.logger ?? silentLogger).warn(`add: entities not updated (${(error as Error).message})`, error);
    }
  }
  return outcomes;
}

/** MemoryApi.addMany: many texts stored as they are in one batch; outcomes in input order. */
export async function addManyMemories(deps: MemoryApiDeps, items: AddManyItem[], options: AddManyOptions): Promise<WriteOutcome[]> {
  const userId = checkUserId(options.userId);
  const now = apiNow(deps, options.now);
  const scope = checkScope(options);
  const prepared = items.map((item, i) => {
    if (typeof item?.text !== "string" || !item.text.trim()) throw new InvalidInputError(`addMany: item ${i} needs a non-empty text.`);
    const { memory, source } = asIs(item.text.trim(), item.metadata ?? {}, `addMany item ${i}: `);
    return { memory: { ...memory, expiresAt: expiresAtOf(item, now), ...scope }, source };
  });
  return prepared.length ? deps.memory.insertMany(userId, prepared, now) : [];
}
