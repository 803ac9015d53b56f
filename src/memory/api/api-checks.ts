import { InvalidInputError } from "../../config/errors.js";
import type { z } from "zod";
import { AddMetadataSchema, describeIssues, MemoryContentSchema, ownMetadata } from "../field-limits.js";
import { UserIdSchema } from "../user-id.js";
import type { ByIdOptions, MemoryApiDeps } from "./memory-api-types.js";

/** The userId, checked; InvalidInputError when it is not a valid user id. */
export const checkUserId = (userId: string): string => {
  const parsed = UserIdSchema.safeParse(userId);
  if (!parsed.success) throw new InvalidInputError(`Invalid userId: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return userId;
};

/** The user a by-id call acts for, checked; InvalidInputError naming the call's shape when it is missing. */
export const actingUser = (options: ByIdOptions | undefined, call: string): string => {
  if (typeof options?.userId !== "string")
    throw new InvalidInputError(`${call} needs the user it acts for: ${call}(memoryId, ${call === "update" ? "patch, " : ""}{ userId }).`);
  return checkUserId(options.userId);
};

/** A value parsed by a schema; InvalidInputError describing the issues otherwise. */
export const checkInput = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(`Invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
};

/** add's metadata, checked: the filing fields and the memory's own metadata (every other key). */
export const checkMetadata = (metadata: unknown, where = "") => {
  const md = checkInput(AddMetadataSchema, metadata ?? {}, `${where}add metadata`);
  const own = ownMetadata(md);
  if (own.problem) throw new InvalidInputError(`Invalid ${where}add metadata: ${own.problem}`);
  return { md, own: own.metadata };
};

/** A text stored as is: the validated memory and its source from add's metadata. */
export const asIs = (text: string, metadata: unknown, where = "") => {
  const { md, own } = checkMetadata(metadata, where);
  const content = checkInput(MemoryContentSchema, text, `${where}memory text`);
  return {
    memory: {
      content,
      type: md.type ?? "fact",
      category: md.category ?? "other",
      importance: md.importance ?? 0.5,
      eventDate: md.eventDate ?? null,
      subject: md.subject ?? null,
      metadata: own,
    },
    source: { threadId: md.threadId, messageIds: md.messageIds ?? [] },
  };
};

/** The API's current instant (ISO): `now` when given, else the deps' clock or the system time. */
export const apiNow = (deps: MemoryApiDeps, now?: string): string => now ?? (deps.clock?.() ?? new Date()).toISOString();
