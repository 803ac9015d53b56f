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
import { listNamespaces } from "./list-namespaces.js";
import { checkUserId } from "./run-user.js";
import { actingUser, asDirectCall } from "./store-acting-user.js";
import { StoreIndex } from "./store-index.js";
import { parseNamespace } from "./store-namespace.js";
import { memoryItem, searchItems, unindexedItem, type StoreSearchDeps } from "./store-search.js";
import { storeFilter } from "./store-values.js";
import { ownedKey, putKey } from "./store-writes.js";

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

/**
 * A LangGraph BaseStore on memoria: the namespace `[root, userId]` (default `["memories", userId]`) and the ones under it
 * (`[root, userId, "work", ...]`) hold that user's items. Each item is a memory (its text is `value.content`, else `value.text`,
 * else the value as JSON, or with put's `index: [paths]` those paths' text); other value fields are kept beside it, and a
 * sub-namespace is also recorded in the memory's metadata (`storeNamespace`). Memories written by extraction or the tools appear
 * in `[root, userId]`, keyed by their memory id. search takes a namespace prefix; with a query it is memoria's hybrid search.
 * put with `index: false` keeps the value in the key index only, not embedded and no memory (the chat's retrieval and the memory
 * API do not see it): get and search return it, after a query's scored hits without a score; deleteUser erases it.
 * It acts for one user (see actingUser): inside a run, the run's; another user's namespace answers like a missing one.
 */
export class MemoriaStore extends BaseStore {
  private readonly api: MemoriaStoreApi;
  private readonly index: StoreIndex;
  readonly root: string;

  private readonly unhook?: () => void;
  private readonly userId?: string;
  private readonly view: boolean;
  private readonly deps: StoreSearchDeps;

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
    this.deps = { api: this.api, index: this.index, root: this.root };
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
  private async getOp(op: GetOperation, acting: string | undefined): Promise<Item | null> {
    const at = parseNamespace(this.root, op.namespace, "get");
    if (acting !== undefined && at.userId !== acting) return null;
    const found = await ownedKey(this.deps, at, op.key);
    if (!found) return null;
    const item = found.record ? memoryItem(this.root, at.userId, found.record, found.row) : unindexedItem(this.root, found.row!);
    return { ...item, namespace: op.namespace, key: op.key };
  }

  private async putOp(op: PutOperation, acting: string | undefined): Promise<void> {
    const at = parseNamespace(this.root, op.namespace, "put");
    if (typeof op.key !== "string" || !op.key) throw new InvalidNamespaceError("A store key must be a non-empty string.");
    if (acting !== undefined && at.userId !== acting) {
      if (op.value === null) return;
      throw new InvalidNamespaceError(`put writes only the acting user's namespace ["${this.root}", userId, ...] (the run's user).`);
    }
    return putKey(this.deps, at, op);
  }

  private async searchOp(op: SearchOperation, acting: string | undefined): Promise<SearchItem[]> {
    const at = parseNamespace(this.root, op.namespacePrefix, "search");
    storeFilter(op.filter);
    if (acting !== undefined && at.userId !== acting) return [];
    return searchItems(this.deps, at, op);
  }

  private listOp(op: ListNamespacesOperation, acting: string | undefined): string[][] {
    const namespaces = this.index
      .namespaces()
      .filter((n) => acting === undefined || n.userId === acting)
      .map((n) => [this.root, n.userId, ...n.sub])
      .sort((a, b) => a.join(":").localeCompare(b.join(":")));
    return listNamespaces(namespaces, op);
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
