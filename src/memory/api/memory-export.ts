import { z } from "zod";
import { InvalidInputError } from "../../config/errors.js";
import { EntityStatus, MemoryKind, MemoryType } from "../types.js";

const iso = z.string().min(1);

const MemoryRecordSchema = z.object({
  id: z.string().min(1),
  userId: z.string(),
  content: z.string().min(1),
  type: MemoryType,
  category: z.string().min(1),
  importance: z.number().min(0).max(1),
  createdAt: iso,
  updatedAt: iso,
  lastAccessedAt: iso.nullable(),
  accessCount: z.number().int().min(0),
  source: z.object({ threadId: z.string().optional(), messageIds: z.array(z.string()).optional() }),
  kind: MemoryKind.optional(),
  eventDate: iso.nullish(),
  subject: z.string().nullish(),
  validFrom: iso.nullish(),
  validUntil: iso.nullish(),
  decayedAt: iso.nullish(),
});

const EntityRecordSchema = z.object({
  id: z.string().min(1),
  userId: z.string(),
  name: z.string().min(1),
  kind: z.string(),
  attributes: z.record(z.string(), z.string()),
  createdAt: iso,
  updatedAt: iso,
  lastAccessedAt: iso.nullable(),
  accessCount: z.number().int().min(0),
  status: EntityStatus.optional(),
  validUntil: iso.nullish(),
});

const HistoryEventSchema = z.object({
  memoryId: z.string().min(1),
  userId: z.string(),
  action: z.enum(["ADD", "UPDATE", "SUPERSEDE", "SUPERSEDED", "DELETE", "DECAY", "IMPORT"]),
  relatedId: z.string().nullable(),
  content: z.string().nullable(),
  actor: z.enum(["extraction", "api", "import", "decay"]),
  threadId: z.string().nullable(),
  at: iso,
});

/** Current version of the memoria export format. */
export const MEMORY_EXPORT_VERSION = 1;

/** A user's memories (current and superseded), entities and memory history as versioned JSON. */
export const MemoryExportSchema = z.object({
  format: z.literal("memoria-export"),
  version: z.literal(MEMORY_EXPORT_VERSION),
  userId: z.string(),
  exportedAt: iso,
  memories: z.array(MemoryRecordSchema),
  entities: z.array(EntityRecordSchema),
  history: z.array(HistoryEventSchema),
});
/** A user's memories, entities and memory history as versioned JSON. */
export type MemoryExport = z.infer<typeof MemoryExportSchema>;

/** Validates an export (an object or its JSON text); throws InvalidInputError listing the problems. */
export function parseMemoryExport(data: unknown): MemoryExport {
  let raw = data;
  if (typeof data === "string") {
    try {
      raw = JSON.parse(data) as unknown;
    } catch (error) {
      throw new InvalidInputError(`The import is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
  }
  const parsed = MemoryExportSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "export"}: ${i.message}`);
    throw new InvalidInputError(`The import is not a memoria export v${MEMORY_EXPORT_VERSION} (${problems.join("; ")}).`);
  }
  return parsed.data;
}
