import { randomUUID } from "node:crypto";
import { ConfigError, InvalidInputError } from "../../config/errors.js";
import { silentLogger } from "../../config/logger.js";
import type { MemoryPatch } from "../store/chroma-memory-store.js";
import type { WriteOutcome } from "../interfaces.js";
import type { HistoryEvent } from "../ledger/history-log.js";
import type { AddOptions, ApiMessage, ApiSearchOptions, DeleteUserReport, ListOptions, MemoryApiDeps, MemoryPage } from "./memory-api-types.js";
import { MEMORY_EXPORT_VERSION, parseMemoryExport, type MemoryExport } from "./memory-export.js";
import { normalizeText } from "../content-hash.js";
import { resolvePartialName } from "../entity-merge.js";
import type { EntityRecord, MemoryRecord, ScoredMemory } from "../types.js";
import { UserIdSchema } from "../user-id.js";

const checkUserId = (userId: string): string => {
  const parsed = UserIdSchema.safeParse(userId);
  if (!parsed.success) throw new InvalidInputError(`Invalid userId: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return userId;
};

const checkSubject = (subject: string | null | undefined): string | null => {
  if (subject === undefined || subject === null) return null;
  const trimmed = typeof subject === "string" ? subject.trim() : "";
  if (!trimmed || trimmed.length > 200) throw new InvalidInputError("A subject must be a non-empty name of at most 200 characters.");
  return trimmed;
};

const joinRole = (messages: ApiMessage[], roles: string[]): string =>
  messages.filter((m) => roles.includes(m.role)).map((m) => m.content.trim()).filter(Boolean).join("\n");

/** The memory API: add, search, get, list, update, delete, entities, deleteEntity, deleteUser, export, import and history over a user's memory. */
export class MemoryApi {
  constructor(private readonly deps: MemoryApiDeps) {}

  private now(now?: string): string {
    return now ?? (this.deps.clock?.() ?? new Date()).toISOString();
  }

  /** Adds memories from a text or messages: inferred by the model and reconciled (infer=true), or stored as is (infer=false). */
  async add(input: string | ApiMessage[], options: AddOptions): Promise<WriteOutcome[]> {
    const userId = checkUserId(options.userId);
    const messages: ApiMessage[] = typeof input === "string" ? [{ role: "user", content: input }] : input;
    const userMessage = joinRole(messages, ["user", "human"]);
    if (!userMessage) throw new InvalidInputError("add needs a non-empty text or at least one user message.");
    const md = options.metadata ?? {};
    const subject = checkSubject(md.subject);
    const source = { threadId: md.threadId, messageIds: md.messageIds ?? [] };
    const now = this.now(options.now);
    if (options.infer === false) {
      const memory = { content: userMessage, type: md.type ?? "fact", category: md.category ?? "other", importance: md.importance ?? 0.5, eventDate: md.eventDate ?? null, subject };
      return [await this.deps.memory.insert(userId, memory, source, now)];
    }
    if (!this.deps.factExtractor) throw new ConfigError("add with infer=true needs a fact extractor (a chat model); pass infer: false to store text as is.");
    const extraction = { userId, userMessage, assistantMessage: joinRole(messages, ["assistant", "ai"]) || undefined, now, threadId: md.threadId };
    const memories = (await this.deps.factExtractor(extraction)).map((m) => ({ ...m, subject: m.subject ?? subject }));
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

  /** The user's memories most relevant to a query, ranked by similarity, importance and recency. */
  search(query: string, options: ApiSearchOptions): Promise<ScoredMemory[]> {
    const userId = checkUserId(options.userId);
    return this.deps.memory.search(query, { userId, limit: options.limit ?? 10, minScore: options.minScore, now: options.now, ...options.filters });
  }

  /** One memory by id. */
  get(memoryId: string): Promise<MemoryRecord | undefined> {
    return this.deps.memory.get(memoryId);
  }

  /** A page of the user's memories, newest first (current only unless includeHistorical). */
  async list(options: ListOptions): Promise<MemoryPage> {
    const userId = checkUserId(options.userId);
    const all = await this.deps.memory.all({ userId, current: options.includeHistorical ? undefined : true, type: options.type, kind: options.kind, category: options.category });
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(1, options.limit ?? 50);
    const items = all.slice(offset, offset + limit);
    return { items, total: all.length, nextOffset: offset + items.length < all.length ? offset + items.length : null };
  }

  /** Changes a memory's text, type, category, importance, event date or subject; throws when it does not exist. */
  async update(memoryId: string, patch: MemoryPatch): Promise<MemoryRecord> {
    if (patch.importance !== undefined && !(patch.importance >= 0 && patch.importance <= 1)) throw new InvalidInputError("importance must be between 0 and 1.");
    const checked = patch.subject === undefined ? patch : { ...patch, subject: checkSubject(patch.subject) };
    const updated = await this.deps.memory.update(memoryId, checked, this.now());
    if (!updated) throw new InvalidInputError(`No memory with id ${memoryId}.`);
    return updated;
  }

  /** Deletes one memory; its text is erased from the history too. Returns whether it existed. */
  delete(memoryId: string): Promise<boolean> {
    return this.deps.memory.remove(memoryId, this.now());
  }

  /** The audit trail of one memory, oldest first (deleted memories keep their decisions but not their text). */
  history(memoryId: string): HistoryEvent[] {
    return this.deps.ledger.history.forMemory(memoryId);
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
    const target = all.find((e) => e.id === needle) ?? all.find((e) => normalizeText(e.name) === normalizeText(needle)) ?? resolvePartialName({ name: needle, kind: "" }, all);
    return target && (await this.deps.entities.remove(userId, target.id)) ? target : undefined;
  }

  /** Removes everything of a user: memories, history, entities, queued work and conversation threads (with their summaries). */
  async deleteUser(userId: string): Promise<DeleteUserReport> {
    checkUserId(userId);
    const { ledger, checkpointer } = this.deps;
    const queuedJobs = (await this.deps.background?.forgetUser(userId)) ?? 0;
    const threads = ledger.threads.threadsOf(userId);
    if (threads.length && !checkpointer) throw new ConfigError("deleteUser needs the checkpointer to delete the user's threads.");
    for (const threadId of threads) await checkpointer!.deleteThread(threadId);
    const [memories, entities] = await Promise.all([this.deps.memory.deleteUser(userId), this.deps.entities.deleteUser(userId)]);
    ledger.threads.deleteUser(userId);
    return { memories, entities, threads: threads.length, queuedJobs: queuedJobs + ledger.queue.deleteUser(userId) };
  }

  /** Every memory (current and superseded), entity and history event of a user as versioned JSON. */
  async export(userId: string): Promise<MemoryExport> {
    checkUserId(userId);
    const [memories, entities] = await Promise.all([this.deps.memory.all({ userId }), this.deps.entities.list(userId)]);
    const history = this.deps.ledger.history.forUser(userId);
    return { format: "memoria-export", version: MEMORY_EXPORT_VERSION, userId, exportedAt: this.now(), memories, entities, history };
  }

  /** Imports an export (object or JSON text) for a user, keeping every field; ids are kept unless they belong to another user, then all are renamed. */
  async import(userId: string, data: unknown): Promise<{ memories: number; entities: number; history: number }> {
    checkUserId(userId);
    const parsed = parseMemoryExport(data);
    const owners = await Promise.all(parsed.memories.map(async (m) => (await this.deps.memory.get(m.id))?.userId));
    const clash = owners.some((owner) => owner !== undefined && owner !== userId);
    const ids = new Map(parsed.memories.map((m) => [m.id, clash ? randomUUID() : m.id]));
    const rename = (id: string | null) => (id === null ? null : (ids.get(id) ?? id));
    await this.deps.memory.importRecords(userId, parsed.memories.map((m) => ({ ...m, id: rename(m.id)! }) as MemoryRecord));
    await this.deps.entities.importRecords(userId, parsed.entities);
    this.deps.ledger.history.record(parsed.history.map((e) => ({ ...e, userId, memoryId: rename(e.memoryId)!, relatedId: rename(e.relatedId) })));
    return { memories: parsed.memories.length, entities: parsed.entities.length, history: parsed.history.length };
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
