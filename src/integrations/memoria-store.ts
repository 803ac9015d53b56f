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
import { checkUserId } from "./run-user.js";
import { StoreIndex } from "./store-index.js";
import { matchesFilter, memoryToValue, valueToMemory } from "./store-values.js";

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
}

const SCAN_LIMIT = 10_000;

/**
 * A LangGraph BaseStore on memoria: the namespace `[root, userId]` (default `["memories", userId]`) holds that user's memories.
 * Each item is a memory (its text is `value.content`, else `value.text`, else the value as JSON); other value fields are kept beside it.
 * Memories written by extraction or the tools appear too, keyed by their memory id. search with a query is memoria's hybrid search.
 * put's `index` argument is ignored: every item's text is embedded and indexed for hybrid search.
 */
export class MemoriaStore extends BaseStore {
  private readonly api: MemoriaStoreApi;
  private readonly index: StoreIndex;
  readonly root: string;

  private readonly unhook?: () => void;

  constructor(options: MemoriaStoreOptions) {
    super();
    this.api = options.api;
    this.root = options.root ?? "memories";
    this.index = new StoreIndex(options.path);
    this.unhook = options.api.onDeleteUser?.((userId) => this.index.deleteUser(userId));
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

  private async getOp(op: GetOperation): Promise<Item | null> {
    const userId = this.userOf(op.namespace, "get");
    const found = await this.owned(userId, op.key);
    return found ? this.item(op.namespace, op.key, found.record, found.row) : null;
  }

  private async putOp(op: PutOperation): Promise<void> {
    const userId = this.userOf(op.namespace, "put");
    if (typeof op.key !== "string" || !op.key) throw new InvalidNamespaceError("A store key must be a non-empty string.");
    if (op.value === null) return this.deleteKey(userId, op.key);
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

  private async searchOp(op: SearchOperation): Promise<SearchItem[]> {
    const userId = this.userOf(op.namespacePrefix, "search");
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
      .filter((item) => matchesFilter(item.value, op.filter));
    return items.slice(offset, offset + limit);
  }

  private listOp(op: ListNamespacesOperation): string[][] {
    const matches = (ns: string[]) =>
      (op.matchConditions ?? []).every(({ matchType, path }) => {
        if (path.length > ns.length) return false;
        const part = matchType === "prefix" ? ns.slice(0, path.length) : ns.slice(ns.length - path.length);
        return path.every((label, i) => label === "*" || label === part[i]);
      });
    const all = this.index
      .users()
      .map((u) => [this.root, u])
      .filter(matches);
    const depth = op.maxDepth === undefined ? all : all.map((ns) => ns.slice(0, op.maxDepth));
    const unique = [...new Map(depth.map((ns) => [JSON.stringify(ns), ns])).values()];
    return unique.slice(op.offset, op.offset + op.limit);
  }

  /** Runs get, put, search and listNamespaces operations in order. */
  async batch<Op extends Operation[]>(operations: Op): Promise<OperationResults<Op>> {
    const results: unknown[] = [];
    for (const op of operations) {
      if ("matchConditions" in op || ("limit" in op && "offset" in op && !("namespacePrefix" in op)))
        results.push(this.listOp(op as ListNamespacesOperation));
      else if ("namespacePrefix" in op) results.push(await this.searchOp(op));
      else if ("value" in op) results.push(await this.putOp(op));
      else results.push(await this.getOp(op));
    }
    return results as OperationResults<Op>;
  }

  /** Forgets the store keys of a user (MemoryApi.deleteUser does this for a store built over it); returns how many were removed. */
  deleteUser(userId: string): number {
    return this.index.deleteUser(checkUserId(userId, "deleteUser"));
  }

  /** Closes the key index (LangGraph's own stop() after each run leaves it open). */
  close(): void {
    this.unhook?.();
    this.index.close();
  }
}
