import { z } from "zod";
import { InvalidInputError } from "../../config/errors.js";
import { EntityRecordSchema as StoredEntity, HistoryEventSchema, MemoryRecordSchema as StoredMemory } from "../schemas.js";
import {
  CategorySchema,
  FIELD_LIMITS,
  MetadataSchema,
  ImportanceSchema,
  IsoDateSchema,
  MemoryContentSchema,
  SubjectSchema,
} from "../field-limits.js";

const iso = z.string().min(1);

/** A stored memory with the field limits every public write applies. */
const MemoryRecordSchema = StoredMemory.extend({
  content: MemoryContentSchema,
  category: CategorySchema,
  importance: ImportanceSchema,
  eventDate: IsoDateSchema.nullish(),
  subject: SubjectSchema.nullish(),
  metadata: MetadataSchema.optional(),
});

/** A stored entity with the field limits every public write applies. */
const EntityRecordSchema = StoredEntity.extend({
  name: z.string().min(1).max(FIELD_LIMITS.entityName),
  kind: z.string().max(FIELD_LIMITS.entityKind),
  attributes: z.record(z.string().max(FIELD_LIMITS.attributeKey), z.string().max(FIELD_LIMITS.attributeValue)),
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
