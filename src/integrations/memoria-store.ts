import {
  BaseStore,
  InvalidNamespaceError,
  type GetOperation,
  type Item,
  type ListNamespacesOperation,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchItem,
  type SearchOperation,
} from "@langchain/langgraph-checkpoint";
import type { MemoryApi } from "../memory/api/memory-api.js";
import type { MemoryRecord } from "../memory/types.js";
import { InvalidInputError } from "../config/errors.js";
import { listNamespaces } from "./list-namespaces.js";
import { checkUserId } from "./run-user.js";
import { actingUser, asDirectCall } from "./store-acting-user.js";
import { StoreIndex } from "./store-index.js";
import { memoryToValue, storeFilter, valueToMemory } from "./store-values.js";

/** The memory API calls the store uses. */
export type MemoriaStoreApi = Pick<MemoryApi, "add" | "search" | "get" | "list" | "update" | "delete"> &
  Partial<Pick<MemoryApi, "onDeleteUser">>;

/** Options of MemoriaStore. */
export interface MemoriaStoreOptions {
  api: MemoriaStoreApi;
  /** SQLite file mapping each (user, key) to its memory; keep it beside the ledger (`<dataDir>/<prefix>-store.sqlite`). */
  path: string;
  /** First namespace label (default "memories"): a user's items live in `[root, userId]`. */
  root?: string;
  /** The one user this store acts for; another user's namespace reads as empty. Without it: the run's user, or, outside a run, the namespace's. */
  userId?: string;
}

const SCAN_LIMIT = 10_000;

/**
 * A LangGraph BaseStore on memoria: the namespace `[root, userId]` (default `["memories", userId]`) holds that user's memories.
 * Each item is a memory (its text is `value.content`, else `value.text`, else the value as JSON); other value fields are kept beside it.
 * Memories written by extraction or the tools appear too, keyed by their memory id. search with a query is memoria's hybrid search.
 * put's `index` argument is refused (InvalidInputError): every item's text is embedded and indexed for hybrid search.
 * It acts for one user (see actingUser): inside a run, the run's; another user's namespace answers like a missing one.
 */
export class MemoriaStore extends BaseStore {
  private readonly api: MemoriaStoreApi;
  private readonly index: StoreIndex;
  readonly root: string;

  private readonly unhook?: () => void;
  private readonly userId?: string;
  private readonly view: boolean;

  /** `shared` is the key index of the store a `forUser` view comes from (internal). */
  constructor(
    private readonly options: MemoriaStoreOptions,
    shared?: StoreIndex,
  ) {
    super();
    this.api = options.api;
    this.root = options.root ?? "memories";
    this.userId = options.userId === undefined ? undefined : checkUserId(options.userId, "the store options");
    this.view = shared !== undefined;
    this.index = shared ?? new StoreIndex(options.path);
    if (!shared) this.unhook = options.api.onDeleteUser?.((userId) => this.index.deleteUser(userId));
  }

  /** A view of this store (same key index) acting for one user: for trusted server-side code, and what pinStore gives each run. */
  forUser(userId: string): MemoriaStore {
    return new MemoriaStore({ ...this.options, userId }, this.index);
  }

  /** The namespace of a user's memories. */
  namespaceFor(userId: string): string[] {
    return [this.root, checkUserId(userId, "the namespace")];
  }

  private userOf(namespace: string[], what: string): string {
    if (namespace.length !== 2 || namespace[0] !== this.root) {
      throw new InvalidNamespaceError(`${what} needs the namespace ["${this.root}", userId]; got ${JSON.stringify(namespace)}.`);
    }
    return checkUserId(namespace[1], "the namespace");
  }

  private async owned(userId: string, key: string): Promise<{ record: MemoryRecord; row?: ReturnType<StoreIndex["get"]> } | undefined> {
    const row = this.index.get(userId, key);
    const record = await this.api.get(row?.memoryId ?? key, { userId });
    if (row && !record) {
      this.index.removeMemory(userId, row.memoryId);
      return undefined;
    }
    return record ? { record, row } : undefined;
  }

  private item(namespace: string[], key: string, record: MemoryRecord, row?: ReturnType<StoreIndex["get"]>): Item {
    return {
      namespace,
      key,
      value: memoryToValue(record, row),
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
    };
  }

  private async getOp(op: GetOperation, acting: string | undefined): Promise<Item | null> {
    const userId = this.userOf(op.namespace, "get");
    if (acting !== undefined && userId !== acting) return null;
    const found = await this.owned(userId, op.key);
    return found ? this.item(op.namespace, op.key, found.record, found.row) : null;
  }

  private async putOp(op: PutOperation, acting: string | undefined): Promise<void> {
    const userId = this.userOf(op.namespace, "put");
    if (typeof op.key !== "string" || !op.key) throw new InvalidNamespaceError("A store key must be a non-empty string.");
    if (acting !== undefined && userId !== acting) {
      if (op.value === null) return;
      throw new InvalidNamespaceError(`put writes only the acting user's namespace ["${this.root}", userId] (the run's user).`);
    }
    if (op.value === null) return this.deleteKey(userId, op.key);
    if (op.index !== undefined)
      throw new InvalidInputError(
        "MemoriaStore.put embeds every item's text (value.content, else value.text, else the value as JSON): index: false and index fields are not supported, so they are refused rather than ignored.",
      );
    const { memory, extra, fields } = valueToMemory(op.value);
    const found = await this.owned(userId, op.key);
    if (found) {
      await this.api.update(found.record.id, memory, { userId });
      this.index.set({ userId, key: op.key, memoryId: found.record.id, extra, fields });
      return;
    }
    const [outcome] = await this.api.add(memory.content, {
      userId,
      infer: false,
      metadata: {
        type: memory.type,
        category: memory.category,
        importance: memory.importance,
        eventDate: memory.eventDate,
        subject: memory.subject,
      },
    });
    if (!outcome?.id) throw new InvalidNamespaceError(`put stored nothing for key ${op.key}${outcome?.error ? `: ${outcome.error}` : ""}.`);
    this.index.set({ userId, key: op.key, memoryId: outcome.id, extra, fields });
  }

  private async deleteKey(userId: string, key: string): Promise<void> {
    const found = await this.owned(userId, key);
    if (!found) return;
    this.index.remove(userId, key);
    if (this.index.references(userId, found.record.id) === 0) await this.api.delete(found.record.id, { userId });
  }

  private async searchOp(op: SearchOperation, acting: string | undefined): Promise<SearchItem[]> {
    const userId = this.userOf(op.namespacePrefix, "search");
    const matches = storeFilter(op.filter);
    if (acting !== undefined && userId !== acting) return [];
    const offset = Math.max(0, op.offset ?? 0);
    const limit = Math.max(0, op.limit ?? 10);
    const records: (MemoryRecord & { score?: number })[] = op.query?.trim()
      ? await this.api.search(op.query, { userId, limit: op.filter ? SCAN_LIMIT : offset + limit })
      : (await this.api.list({ userId, limit: SCAN_LIMIT })).items;
    const rows = this.index.byMemory(
      userId,
      records.map((r) => r.id),
    );
    const keyOf = (id: string) => rows.get(id)?.key ?? id;
    const items = records
      .map((r) => ({ ...this.item(op.namespacePrefix, keyOf(r.id), r, rows.get(r.id)), score: r.score }))
      .filter((item) => matches(item.value));
    return items.slice(offset, offset + limit);
  }

  private listOp(op: ListNamespacesOperation, acting: string | undefined): string[][] {
    const users = this.index.users().filter((u) => acting === undefined || u === acting);
    return listNamespaces(
      users.map((u) => [this.root, u]),
      op,
    );
  }

  /** Runs get, put, search and listNamespaces operations in order, for the acting user (see actingUser). */
  async batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const acting = actingUser(this.userId);
    const results: unknown[] = [];
    for (const op of operations) {
      if ("matchConditions" in op || ("limit" in op && "offset" in op && !("namespacePrefix" in op)))
        results.push(this.listOp(op as ListNamespacesOperation, acting));
      else if ("namespacePrefix" in op) results.push(await this.searchOp(op, acting));
      else if ("value" in op) results.push(await this.putOp(op, acting));
      else results.push(await this.getOp(op, acting));
    }
    return results as OperationResults<Op>;
  }

  override get(...args: Parameters<BaseStore["get"]>) {
    return asDirectCall(() => super.get(...args));
  }

  override search(...args: Parameters<BaseStore["search"]>) {
    return asDirectCall(() => super.search(...args));
  }

  override put(...args: Parameters<BaseStore["put"]>) {
    return asDirectCall(() => super.put(...args));
  }

  override delete(...args: Parameters<BaseStore["delete"]>) {
    return asDirectCall(() => super.delete(...args));
  }

  override listNamespaces(...args: Parameters<BaseStore["listNamespaces"]>) {
    return asDirectCall(() => super.listNamespaces(...args));
  }

  /** Forgets the store keys of a user (MemoryApi.deleteUser does this for a store built over it); returns how many were removed. */
  deleteUser(userId: string): number {
    return this.index.deleteUser(checkUserId(userId, "deleteUser"));
  }

  /** Closes the key index (LangGraph's own stop() after each run leaves it open); a forUser view leaves it to its store. */
  close(): void {
    if (this.view) return;
    this.unhook?.();
    this.index.close();
  }
}
