import { z } from "zod";

const iso = z.string().min(1);

/** Kinds of long-term memory. */
export const MemoryType = z.enum(["fact", "preference", "task"]);

/** What a memory holds: an extracted fact (type fact, preference or task) or an episode (an exchange stored as said). */
export const MemoryKind = z.enum(["fact", "episode"]);

/** Whether an entity is part of the user's life now, or only was (a job they left, a venue they dropped). */
export const EntityStatus = z.enum(["current", "former"]);

/** What a write did with one candidate memory (and what the reconciler may decide). */
export const MemoryAction = z.enum(["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NONE"]);

/** Actions in the memory history: every write action but NONE, plus SUPERSEDED on the memory that was replaced. */
export const HistoryAction = z.enum([...MemoryAction.exclude(["NONE"]).options, "SUPERSEDED"]);

/** Who caused a memory change. */
export const HistoryActor = z.enum(["extraction", "api", "import", "decay"]);

/** One long-term memory of one user, as stored and as exported. */
export const MemoryRecordSchema = z.object({
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
  /** "episode" for a stored exchange, "fact" for an extracted memory; every returned record has it (an import without it reads as "fact"). */
  kind: MemoryKind.optional(),
  /** Date the memory refers to (ISO), when it is about a point in time. */
  eventDate: iso.nullish(),
  /** The person the memory is about or who said it (e.g. a speaker's name in a multi-party conversation); null when unknown. */
  subject: z.string().nullish(),
  /** When the memory became true; a superseded memory keeps its validity window instead of being erased. */
  validFrom: iso.nullish(),
  /** When the memory stopped being true (superseded); null while current. */
  validUntil: iso.nullish(),
  /** When the decay job last lowered the importance. */
  decayedAt: iso.nullish(),
  /** The agent and the run the memory was written for (mem0's scopes), beside its user; absent when unscoped. */
  agentId: z.string().nullish(),
  runId: z.string().nullish(),
  /** When the memory expires (ISO): from then on it is never returned, and the next purge deletes it like a delete. */
  expiresAt: iso.nullish(),
  /** The caller's own JSON metadata (e.g. `{ source: "crm", tags: [...] }`), kept through updates, export and import. */
  metadata: z.record(z.string(), z.json()).optional(),
});

/** A person, place or thing the user mentioned, with what is known of it, as stored and as exported. */
export const EntityRecordSchema = z.object({
  id: z.string().min(1),
  userId: z.string(),
  name: z.string().min(1),
  kind: z.string(),
  attributes: z.record(z.string(), z.string()),
  createdAt: iso,
  updatedAt: iso,
  lastAccessedAt: iso.nullable(),
  accessCount: z.number().int().min(0),
  /** "former" once the user said it is in their past; absent means current. */
  status: EntityStatus.optional(),
  /** When the entity became former; null while current. */
  validUntil: iso.nullish(),
});

/** One audited change to one memory; `content` is the text after the change and is erased when the memory is deleted. */
export const HistoryEventSchema = z.object({
  memoryId: z.string().min(1),
  userId: z.string(),
  action: HistoryAction,
  /** The other memory involved: the superseded one for SUPERSEDE, the successor for SUPERSEDED. */
  relatedId: z.string().nullable(),
  content: z.string().nullable(),
  actor: HistoryActor,
  threadId: z.string().nullable(),
  at: iso,
});

/** Metadata filters on a user's memories, shared by the store, search and the memory API; absent fields do not filter. */
export const MemoryFiltersSchema = z.object({
  type: MemoryType.optional(),
  /** "fact": only extracted memories; "episode": only stored exchanges (rows without a kind count as facts); both when absent. */
  kind: MemoryKind.optional(),
  category: z.string().optional(),
  /** Only memories with exactly this subject (the person a memory is about or who said it). */
  subject: z.string().optional(),
  /** Inclusive ISO bounds on when the memory was stored. */
  createdFrom: z.string().optional(),
  createdTo: z.string().optional(),
  /** Inclusive ISO bounds on the memory's event date (memories without one are excluded when set). */
  eventFrom: z.string().optional(),
  eventTo: z.string().optional(),
});
