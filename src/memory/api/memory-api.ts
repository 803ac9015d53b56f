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
import type { ApiMessage } from "./add-input.js";
import { addManyMemories, addMemories } from "./add-memories.js";
import { actingUser, apiNow, checkInput, checkUserId } from "./api-checks.js";
import { deleteUserData, type UserEraser } from "./erase-user.js";
import { importMemories, type ImportReport } from "./import-memories.js";
import type { MemoryExport } from "./memory-export.js";
import { listMemories, searchMemories } from "./read-memories.js";
import { deleteEntityNamed, exportUser } from "./user-records.js";
import type { SearchFilters } from "../filters/parse-filter.js";
import { createPurgeThrottle, isExpired, purgeExpired } from "./expiry.js";
import { checkScope, type ScopeOptions } from "./scope.js";
import { deleteAll, deleteMany, updateMany, usersWithMemories, type BulkUpdate } from "./bulk-ops.js";
import { MemoryPatchSchema, type MemoryPatchInput } from "../field-limits.js";
import type { EntityRecord, MemoryRecord, ScoredMemory } from "../types.js";
import { InvalidInputError } from "../../config/errors.js";

/** The memory API: add, search, get, list, update, delete, entities, deleteEntity, deleteUser, export, import and history over a user's memory. */
export class MemoryApi {
  private readonly erasers = new Set<UserEraser>();
  private readonly purgeSometimes: (userId: string, now: string) => Promise<void>;

  constructor(private readonly deps: MemoryApiDeps) {
    this.purgeSometimes = createPurgeThrottle(deps);
  }

  /** Registers data kept outside memoria's stores (e.g. a MemoriaStore's key index) to erase with every deleteUser; returns an unregister function. */
  onDeleteUser(erase: (userId: string) => unknown): () => void {
    this.erasers.add(erase);
    return () => this.erasers.delete(erase);
  }

  private now(now?: string): string {
    return apiNow(this.deps, now);
  }

  /**
   * Adds memories from a text or messages (any shape a graph run accepts; an array is a list of messages): inferred by the model
   * and reconciled (infer=true), or stored as is (infer=false).
   */
  add(input: string | ApiMessage | ApiMessage[], options: AddOptions): Promise<WriteOutcome[]> {
    return addMemories(this.deps, input, options);
  }

  /** Stores many texts as they are (like add with infer=false) in one batch: one embedding pass, chunked writes; outcomes in input order. */
  addMany(items: AddManyItem[], options: AddManyOptions): Promise<WriteOutcome[]> {
    return addManyMemories(this.deps, items, options);
  }

  /** The user's memories most relevant to a query, ranked by similarity, importance and recency. */
  search(query: string, options: ApiSearchOptions): Promise<ScoredMemory[]> {
    return searchMemories(this.deps, this.purgeSometimes, query, options);
  }

  /** One of the user's memories by id; undefined when missing or another user's. */
  async get(memoryId: string, options: ByIdOptions): Promise<MemoryRecord | undefined> {
    const userId = actingUser(options, "get");
    const record = await this.deps.memory.get(memoryId);
    return record?.userId === userId && !isExpired(record, this.now()) ? record : undefined;
  }

  /** A page of the user's memories, newest first (current only unless includeHistorical). */
  list(options: ListOptions): Promise<MemoryPage> {
    return listMemories(this.deps, options);
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
  deleteEntity(userId: string, nameOrId: string): Promise<EntityRecord | undefined> {
    return deleteEntityNamed(this.deps, userId, nameOrId);
  }

  /**
   * Removes everything of a user: memories, history, entities, queued work and conversation threads (with their summaries).
   * It first waits for the user's runs in flight and holds new ones until it is done, so nothing of the user comes back.
   */
  deleteUser(userId: string, options: DeleteUserOptions = {}): Promise<DeleteUserReport> {
    return deleteUserData(this.deps, this.erasers, userId, options);
  }

  /** Every memory (current and superseded), entity and history event of a user as versioned JSON. */
  export(userId: string): Promise<MemoryExport> {
    return exportUser(this.deps, userId);
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
