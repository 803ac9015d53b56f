import { z } from "zod";
import { MemoryType } from "./types.js";

/** Maximum length, in characters, of each stored field: the one place these limits are set (see README "Limits"). */
export const FIELD_LIMITS = {
  /** A memory's text. */
  content: 2_000,
  category: 64,
  /** Who a memory is about or who said it. */
  subject: 200,
  entityName: 200,
  entityKind: 64,
  attributeKey: 64,
  attributeValue: 500,
  /** Attributes one entity keeps (the oldest go first) and one update may carry. */
  attributesPerEntity: 50,
  /** Thread and message ids a memory's source may name. */
  sourceId: 200,
  messageIds: 100,
  /** A memory's own metadata: at most this many top-level keys, each key this long, and this many characters as JSON. */
  metadataKeys: 32,
  metadataKey: 64,
  metadataChars: 4_000,
  /** The developer's memory instructions (createMemoria's memoryInstructions) and how many categories may be listed. */
  instructions: 2_000,
  categories: 50,
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date (YYYY-MM-DD) or date-time that names a real instant. */
export const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, "expected an ISO date (YYYY-MM-DD) or date-time")
  .refine((s) => !Number.isNaN(Date.parse(s)), "is not a real date");

const bounded = (max: number, what: string, noun = "text") => {
  const rule = `${what} must be a non-empty ${noun} of at most ${max} characters`;
  return z.string().trim().min(1, rule).max(max, rule);
};

/** A memory's text: non-empty, at most FIELD_LIMITS.content characters. */
export const MemoryContentSchema = bounded(FIELD_LIMITS.content, "content");
/** A memory's category: non-empty, at most FIELD_LIMITS.category characters. */
export const CategorySchema = bounded(FIELD_LIMITS.category, "category", "word");
/** Who a memory is about: a non-empty name of at most FIELD_LIMITS.subject characters. */
export const SubjectSchema = bounded(FIELD_LIMITS.subject, "subject", "name");
/** Importance of a memory: a number in [0, 1] (NaN and infinities rejected). */
export const ImportanceSchema = z.number().min(0).max(1);

const METADATA_KEY = z
  .string()
  .min(1, "metadata keys must be non-empty")
  .max(FIELD_LIMITS.metadataKey, `metadata keys must be at most ${FIELD_LIMITS.metadataKey} characters`)
  .refine((k) => !k.startsWith("$") && !k.includes("."), "metadata keys may not start with $ or contain a dot");

/** A memory's own JSON metadata, within FIELD_LIMITS (metadataKeys keys, metadataKey characters a key, metadataChars as JSON). */
export const MetadataSchema = z
  .record(METADATA_KEY, z.json())
  .refine((m) => Object.keys(m).length <= FIELD_LIMITS.metadataKeys, `metadata may have at most ${FIELD_LIMITS.metadataKeys} keys`)
  .refine(
    (m) => JSON.stringify(m).length <= FIELD_LIMITS.metadataChars,
    `metadata may be at most ${FIELD_LIMITS.metadataChars} characters as JSON`,
  );
/** A memory's own JSON metadata. */
export type MemoryMetadata = z.output<typeof MetadataSchema>;

/** The keys of `add`'s metadata that file the memory; every other key is the memory's own metadata. */
export const FILING_KEYS = ["threadId", "messageIds", "type", "category", "importance", "eventDate", "subject"] as const;

/** Metadata `MemoryApi.add` accepts: where the text came from and, for infer=false, how to file it; any other key is kept as the memory's own metadata. */
export const AddMetadataSchema = z
  .object({
    threadId: bounded(FIELD_LIMITS.sourceId, "threadId", "id").optional(),
    messageIds: z
      .array(bounded(FIELD_LIMITS.sourceId, "message id", "id"))
      .max(FIELD_LIMITS.messageIds)
      .optional(),
    type: MemoryType.optional(),
    category: CategorySchema.optional(),
    importance: ImportanceSchema.optional(),
    eventDate: IsoDateSchema.nullish(),
    /** Who the text is about or who said it (a speaker's name); with infer=true, the default for memories extracted without one. */
    subject: SubjectSchema.nullish(),
  })
  .catchall(z.unknown());
/** Metadata `MemoryApi.add` accepts. */
export type AddMetadata = z.input<typeof AddMetadataSchema>;

/** Fields of a memory `MemoryApi.update` may change. */
export const MemoryPatchSchema = z.strictObject({
  content: MemoryContentSchema.optional(),
  type: MemoryType.optional(),
  category: CategorySchema.optional(),
  importance: ImportanceSchema.optional(),
  eventDate: IsoDateSchema.nullish(),
  subject: SubjectSchema.nullish(),
  /** The memory's own metadata, replacing what it had; null removes it. */
  metadata: MetadataSchema.nullish(),
  /** When the memory expires (ISO); null removes the expiry. */
  expiresAt: IsoDateSchema.nullish(),
});
/** A change to a memory as `MemoryApi.update` accepts it. */
export type MemoryPatchInput = z.input<typeof MemoryPatchSchema>;

/** Every problem of a failed parse as "field: message", joined. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

/** The memory's own metadata in add's metadata (every key but FILING_KEYS), checked against MetadataSchema; undefined when none. */
export function ownMetadata(md: Record<string, unknown>): { metadata?: MemoryMetadata; problem?: string } {
  const own = Object.fromEntries(Object.entries(md).filter(([k, v]) => !(FILING_KEYS as readonly string[]).includes(k) && v !== undefined));
  if (!Object.keys(own).length) return {};
  const parsed = MetadataSchema.safeParse(own);
  return parsed.success ? { metadata: parsed.data } : { problem: describeIssues(parsed.error) };
}
