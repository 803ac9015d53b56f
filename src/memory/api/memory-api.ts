import { ConfigError, InvalidInputError } from "../../config/errors.js";
import { silentLogger } from "../../config/logger.js";
import type { WriteOutcome } from "../interfaces.js";
import type { HistoryEvent } from "../ledger/history-log.js";
import type {
  AddManyItem,
  AddManyOptions,
  AddOptions,
  ByIdOptions,
  ApiSearchOptions,
  DeleteUserOptions,
  DeleteUserReport,
  ListOptions,
  MemoryApiDeps,
  MemoryPage,
} from "./memory-api-types.js";
import { addInputText, type ApiMessage } from "./add-input.js";
import { importMemories, type ImportReport } from "./import-memories.js";
import { MEMORY_EXPORT_VERSION, type MemoryExport } from "./memory-export.js";
import type { z } from "zod";
import { normalizeText } from "../content-hash.js";
import { DEFAULTS } from "../defaults.js";
import { parseFilter, type SearchFilters } from "../filters/parse-filter.js";
import { expiresAtOf, isExpired, purgeExpired } from "./expiry.js";
import { checkScope, scopedWhere, type ScopeOptions } from "./scope.js";
import { deleteAll, deleteMany, updateMany, usersWithMemories, type BulkUpdate } from "./bulk-ops.js";
import {
  AddMetadataSchema,
  describeIssues,
  MemoryContentSchema,
  MemoryPatchSchema,
  ownMetadata,
  type MemoryPatchInput,
} from "../field-limits.js";
import { resolvePartialName } from "../entity-merge.js";
import type { EntityRecord, MemoryRecord, ScoredMemory } from "../types.js";
import { UserIdSchema } from "../user-id.js";

const PURGE_EVERY_MS = 60_000;

const checkUserId = (userId: string): string => {
  const parsed = UserIdSchema.safeParse(userId);
  if (!parsed.success) throw new InvalidInputError(`Invalid userId: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return userId;
};

const actingUser = (options: ByIdOptions | undefined, call: string): string => {
  if (typeof options?.userId !== "string")
    throw new InvalidInputError(`${call} needs the user it acts for: ${call}(memoryId, ${call === "update" ? "patch, " : ""}{ userId }).`);
  return checkUserId(options.userId);
};

const checkInput = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError(`Invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
};

/** add's metadata, checked: the filing fields and the memory's own metadata (every other key). */
const checkMetadata = (metadata: unknown, where = "") => {
  const md = checkInput(AddMetadataSchema, metadata ?? {}, `${where}add metadata`);
  const own = ownMetadata(md);
  if (own.problem) throw new InvalidInputError(`Invalid ${where}add metadata: ${own.problem}`);
  return { md, own: own.metadata };
};

/** A text stored as is: the validated memory and its source from add's metadata. */
const asIs = (text: string, metadata: unknown, where = "") => {
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

/** The memory API: add, search, get, list, update, delete, entities, deleteEntity, deleteUser, export, import and history over a user's memory. */
export class MemoryApi {
  private readonly erasers = new Set<(userId: string) => unknown>();

  constructor(private readonly deps: MemoryApiDeps) {}

  /** Registers data kept outside memoria's stores (e.g. a MemoriaStore's key index) to erase with every deleteUser; returns an unregister function. */
  onDeleteUser(erase: (userId: string) => unknown): () => void {
    this.erasers.add(erase);
    return () => this.erasers.delete(erase);
  }

  private readonly purgedAt = new Map<string, number>();

  /** Purges the user's expired memories at most once a minute per user (search hides them meanwhile). */
  private async purgeSometimes(userId: string, now: string): Promise<void> {
    const at = Date.parse(now);
    if (Math.abs(at - (this.purgedAt.get(userId) ?? -Infinity)) < PURGE_EVERY_MS) return;
    this.purgedAt.set(userId, at);
    if (this.purgedAt.size > 10_000) this.purgedAt.delete(this.purgedAt.keys().next().value!);
    await purgeExpired(this.deps, userId, now);
  }

  private now(now?: string): string {
    return now ?? (this.deps.clock?.() ?? new Date()).toISOString();
  }

  /**
   * Adds memories from a text or messages (any shape a graph run accepts; an array is a list of messages): inferred by the model
   * and reconciled (infer=true), or stored as is (infer=false).
   */
  async add(input: string | ApiMessage | ApiMessage[], options: AddOptions): Promise<WriteOutcome[]> {
    const userId = checkUserId(options.userId);
    const { user: userMessage, assistant } = addInputText(input);
    if (!userMessage) throw new InvalidInputError("add needs a non-empty text or at least one user message.");
    const { md, own } = checkMetadata(options.metadata);
    const now = this.now(options.now);
    const expiresAt = expiresAtOf(options, now);
    const scope = checkScope(options);
    if (options.infer === false) {
      const { memory, source } = asIs(userMessage, md);
      return [await this.deps.memory.insert(userId, { ...memory, expiresAt, ...scope }, source, now)];
    }
    const subject = md.subject ?? null;
    const source = { threadId: md.threadId, messageIds: md.messageIds ?? [] };
    if (!this.deps.factExtractor)
      throw new ConfigError("add with infer=true needs a fact extractor (a chat model); pass infer: false to store text as is.");
    const extraction = {
      userId,
      userMessage,
      assistantMessage: assistant || undefined,
      now,
      threadId: md.threadId,
    };
    const memories = (await this.deps.factExtractor(extraction)).map((m) => ({
      ...m,
      subject: m.subject ?? subject,
      metadata: own,
      expiresAt,
      ...scope,
    }));
    const outcomes = await this.deps.memory.write(userId, memories, source, now, "api");
    if (this.deps.entityExtractor) {
      try {
        const updates = await this.deps.entityExtractor(extraction);
        if (updates.length) await this.deps.entities.merge(userId, updates, now);
      } catch (error) {
        (this.deps.logger ?? silentLogger).warn(`add: entities not updated (${(error as Error).message})`, error);
      }
    }
    return outcomes;
  }

  /** Stores many texts as they are (like add with infer=false) in one batch: one embedding pass, chunked writes; outcomes in input order. */
  async addMany(items: AddManyItem[], options: AddManyOptions): Promise<WriteOutcome[]> {
    const userId = checkUserId(options.userId);
    const now = this.now(options.now);
    const scope = checkScope(options);
    const prepared = items.map((item, i) => {
      if (typeof item?.text !== "string" || !item.text.trim()) throw new InvalidInputError(`addMany: item ${i} needs a non-empty text.`);
      const { memory, source } = asIs(item.text.trim(), item.metadata ?? {}, `addMany item ${i}: `);
      return { memory: { ...memory, expiresAt: expiresAtOf(item, now), ...scope }, source };
    });
    return prepared.length ? this.deps.memory.insertMany(userId, prepared, now) : [];
  }

  /** The user's memories most relevant to a query, ranked by similarity, importance and recency. */
  async search(query: string, options: ApiSearchOptions): Promise<ScoredMemory[]> {
    const userId = checkUserId(options.userId);
    const { includeHistorical, where } = parseFilter(options.filters);
    const scoped = scopedWhere(checkScope(options), where);
    await this.purgeSometimes(userId, this.now(options.now));
    return this.deps.memory.search(query, {
      includeHistorical,
      where: scoped,
      userId,
      limit: options.limit ?? DEFAULTS.searchLimit,
      minScore: options.minScore,
      now: options.now,
    });
  }

  /** One of the user's memories by id; undefined when missing or another user's. */
  async get(memoryId: string, options: ByIdOptions): Promise<MemoryRecord | undefined> {
    const userId = actingUser(options, "get");
    const record = await this.deps.memory.get(memoryId);
    return record?.userId === userId && !isExpired(record, this.now()) ? record : undefined;
  }

  /** A page of the user's memories, newest first (current only unless includeHistorical). */
  async list(options: ListOptions): Promise<MemoryPage> {
    const userId = checkUserId(options.userId);
    const { limit: _limit, offset: _offset, userId: _userId, filters, agentId, runId, ...fields } = options;
    const scope = checkScope({ agentId, runId });
    const own = parseFilter(fields, "list options");
    const extra = parseFilter(filters, "list filters");
    const includeHistorical = extra.includeHistorical ?? own.includeHistorical;
    const wheres = [own.where, extra.where].filter((w) => w !== undefined);
    const where = scopedWhere(scope, wheres.length > 1 ? { and: wheres } : wheres[0]);
    await purgeExpired(this.deps, userId, this.now());
    const all = await this.deps.memory.all({ userId, where, current: includeHistorical ? undefined : true, liveAt: this.now() });
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(1, options.limit ?? DEFAULTS.listPageSize);
    const items = all.slice(offset, offset + limit);
    return { items, total: all.length, nextOffset: offset + items.length < all.length ? offset + items.length : null };
  }

  /** Changes one of the user's memories (text, type, category, importance, event date or subject); throws when it is missing or another user's. */
  async update(memoryId: string, patch: MemoryPatchInput, options: ByIdOptions): Promise<MemoryRecord> {
    const userId = actingUser(options, "update");
    const checked = checkInput(MemoryPatchSchema, patch, "memory update");
    const updated = (await this.get(memoryId, { userId })) && (await this.deps.memory.update(memoryId, checked, this.now()));
    if (!updated) throw new InvalidInputError(`No memory with id ${memoryId}.`);
    return updated;
  }

  /** Deletes one of the user's memories; its text is erased from the history too. Returns whether it existed (false for another user's). */
  async delete(memoryId: string, options: ByIdOptions): Promise<boolean> {
    const userId = actingUser(options, "delete");
    return (await this.get(memoryId, { userId })) ? this.deps.memory.remove(memoryId, this.now()) : false;
  }

  /** Deletes the user's memories with these ids (another user's or missing ids are skipped), each like delete; returns the ids deleted. */
  deleteMany(ids: string[], options: ByIdOptions): Promise<string[]> {
    return deleteMany(this.deps, actingUser(options, "deleteMany"), ids, this.now());
  }

  /** Deletes every memory of the user matching the filters (all of them without filters), each like delete; returns the ids deleted. */
  deleteAll(options: { userId: string; filters?: SearchFilters } & ScopeOptions): Promise<string[]> {
    return deleteAll(this.deps, checkUserId(options.userId), options.filters, this.now(), checkScope(options));
  }

  /** Changes several of the user's memories, all checked before any is written; each change is recorded like update. */
  updateMany(updates: BulkUpdate[], options: ByIdOptions): Promise<MemoryRecord[]> {
    const userId = actingUser(options, "updateMany");
    return updateMany(this.deps, userId, updates, (id, patch) => this.update(id, patch, { userId }));
  }

  /** Erases every user with memories, each through deleteUser; only when allowed (tests). Returns the users erased. */
  async reset(): Promise<string[]> {
    const users = await usersWithMemories(this.deps);
    for (const userId of users) await this.deleteUser(userId);
    return users;
  }

  /** Deletes the user's expired memories now, each like delete (search and list also do it first); returns their ids. */
  purgeExpired(userId: string): Promise<string[]> {
    return purgeExpired(this.deps, checkUserId(userId), this.now());
  }

  /** The audit trail of one of the user's memories, oldest first (deleted memories keep their decisions but not their text); [] for another user's. */
  async history(memoryId: string, options: ByIdOptions): Promise<HistoryEvent[]> {
    const userId = actingUser(options, "history");
    return (await this.deps.ledger.history.forMemory(memoryId)).filter((e) => e.userId === userId);
  }

  /** The user's entities (people, places, things), by name. */
  entities(userId: string): Promise<EntityRecord[]> {
    return this.deps.entities.list(checkUserId(userId));
  }

  /** Deletes one of the user's entities, named by id, by name or by a shorter or longer form of its name; returns it, or undefined when none matches. */
  async deleteEntity(userId: string, nameOrId: string): Promise<EntityRecord | undefined> {
    checkUserId(userId);
    const needle = nameOrId.trim();
    if (!needle) throw new InvalidInputError("deleteEntity needs an entity name or id.");
    const all = await this.deps.entities.list(userId);
    const target =
      all.find((e) => e.id === needle) ??
      all.find((e) => normalizeText(e.name) === normalizeText(needle)) ??
      resolvePartialName({ name: needle, kind: "" }, all);
    return target && (await this.deps.entities.remove(userId, target.id)) ? target : undefined;
  }

  /**
   * Removes everything of a user: memories, history, entities, queued work and conversation threads (with their summaries).
   * It first waits for the user's runs in flight and holds new ones until it is done, so nothing of the user comes back.
   */
  deleteUser(userId: string, options: DeleteUserOptions = {}): Promise<DeleteUserReport> {
    checkUserId(userId);
    const erase = () => this.eraseUser(userId, options);
    return this.deps.runs ? this.deps.runs.exclusive(userId, erase) : erase();
  }

  private async eraseUser(userId: string, options: DeleteUserOptions): Promise<DeleteUserReport> {
    const { ledger, checkpointer } = this.deps;
    const queuedJobs = (await this.deps.background?.forgetUser(userId)) ?? 0;
    const threads = await ledger.threads.threadsOf(userId);
    const deleteThread = options.deleteThread ?? (checkpointer && ((id: string) => checkpointer.deleteThread(id)));
    if (threads.length && !deleteThread) throw new ConfigError("deleteUser needs the checkpointer to delete the user's threads.");
    for (const threadId of threads) await deleteThread!(threadId);
    const [memories, entities] = await Promise.all([this.deps.memory.deleteUser(userId), this.deps.entities.deleteUser(userId)]);
    await ledger.threads.deleteUser(userId);
    for (const erase of this.erasers) await erase(userId);
    const report = { memories, entities, threads: threads.length, queuedJobs: queuedJobs + (await ledger.queue.deleteUser(userId)) };
    await ledger.checkpoint();
    return report;
  }

  /** Every memory (current and superseded), entity and history event of a user as versioned JSON. */
  async export(userId: string): Promise<MemoryExport> {
    checkUserId(userId);
    await purgeExpired(this.deps, userId, this.now());
    const [memories, entities] = await Promise.all([this.deps.memory.all({ userId }), this.deps.entities.list(userId)]);
    const history = await this.deps.ledger.history.forUser(userId);
    return { format: "memoria-export", version: MEMORY_EXPORT_VERSION, userId, exportedAt: this.now(), memories, entities, history };
  }

  /** Imports an export (object or JSON text) for a user, all or nothing, keeping every field; ids are kept unless they belong to another user, then all are renamed. */
  import(userId: string, data: unknown): Promise<ImportReport> {
    return importMemories(this.deps, checkUserId(userId), data);
  }

  /** The user's compact learned profile: facts by category, preferences and open tasks. */
  profile(userId: string): Promise<string> {
    return this.deps.memory.profile(checkUserId(userId));
  }

  /** Lowers the importance of the user's memories left untouched; returns how many changed. */
  decay(userId: string, options: { halfLifeDays?: number; floor?: number; graceDays?: number; now?: string } = {}): Promise<number> {
    return this.deps.memory.decay(checkUserId(userId), options);
  }
}
