import { z } from "zod";
import { MemoryKind, MemoryType } from "../memory/types.js";

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/** Query of GET /memories: a page of the user's memories with exact-value filters. */
export const ListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  type: MemoryType.optional(),
  kind: MemoryKind.optional(),
  category: z.string().trim().min(1).max(64).optional(),
  subject: z.string().trim().min(1).max(200).optional(),
  includeHistorical: flag.optional(),
});

/** Body of POST /memories/search. */
export const SearchBodySchema = z.strictObject({
  query: z.string().trim().min(1, "query must be a non-empty text").max(10_000),
  limit: z.number().int().min(1).max(100).optional(),
  minScore: z.number().min(-1).max(1).optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
});

/** Body of POST /prompt-preview: the message tier A would answer. */
export const PreviewBodySchema = z.strictObject({
  message: z.string().trim().min(1, "message must be a non-empty text").max(20_000),
});

/** Body of DELETE /user: the user's own id, typed again, so nobody erases a user by accident. */
export const DeleteUserBodySchema = z.strictObject({ confirm: z.string().min(1) });

/** A memory id in a path. */
export const MemoryIdSchema = z.string().min(1).max(200);
