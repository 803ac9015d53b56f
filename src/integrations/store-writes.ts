import { InvalidNamespaceError, type PutOperation } from "@langchain/langgraph-checkpoint";
import { InvalidInputError } from "../config/errors.js";
import type { MemoryRecord } from "../memory/types.js";
import type { StoreKeyRow } from "./store-index.js";
import { STORE_NAMESPACE_KEY, type UserNamespace } from "./store-namespace.js";
import type { StoreSearchDeps } from "./store-search.js";
import { valueToMemory } from "./store-values.js";

/** A key's memory and key row, or its key row alone (put with `index: false`); undefined when the key holds nothing. */
export interface OwnedKey {
  record?: MemoryRecord;
  row?: StoreKeyRow;
}

/** What a key holds for its user; a key row whose memory is gone is dropped. */
export async function ownedKey(deps: StoreSearchDeps, at: UserNamespace, key: string): Promise<OwnedKey | undefined> {
  const row = deps.index.get(at.userId, at.sub, key);
  if (row && row.memoryId === null) return { row };
  const id = row?.memoryId ?? (at.sub.length ? undefined : key);
  const record = id === undefined ? undefined : await deps.api.get(id, { userId: at.userId });
  if (row && !record) {
    deps.index.removeMemory(at.userId, row.memoryId!);
    return undefined;
  }
  return record ? { record, row } : undefined;
}

/** Stores a put value as a memory (updating the key's own memory in place), or in the key index alone with `index: false`. */
export async function putKey(deps: StoreSearchDeps, at: UserNamespace, op: PutOperation): Promise<void> {
  const { api, index } = deps;
  const { userId, sub } = at;
  if (op.value === null) return deleteKey(deps, at, op.key);
  if (op.index === false) return putUnindexed(deps, at, op.key, op.value);
  const { memory, extra, fields } = valueToMemory(op.value, op.index);
  const found = await ownedKey(deps, at, op.key);
  if (found?.record && index.references(userId, found.record.id) === 1) {
    await api.update(found.record.id, memory, { userId });
    index.set({ userId, sub, key: op.key, memoryId: found.record.id, extra, fields });
    return;
  }
  const [outcome] = await api.add(memory.content, {
    userId,
    infer: false,
    metadata: {
      type: memory.type,
      category: memory.category,
      importance: memory.importance,
      eventDate: memory.eventDate,
      subject: memory.subject,
      ...(sub.length ? { [STORE_NAMESPACE_KEY]: sub } : {}),
    },
  });
  if (!outcome?.id) throw new InvalidNamespaceError(`put stored nothing for key ${op.key}${outcome?.error ? `: ${outcome.error}` : ""}.`);
  index.set({ userId, sub, key: op.key, memoryId: outcome.id, extra, fields });
}

async function putUnindexed(deps: StoreSearchDeps, at: UserNamespace, key: string, value: Record<string, unknown>): Promise<void> {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new InvalidInputError("A store value must be an object.");
  const found = await ownedKey(deps, at, key);
  const now = new Date().toISOString();
  if (found?.record) await deleteKey(deps, at, key);
  const createdAt = found && !found.record ? (found.row!.createdAt ?? now) : now;
  deps.index.set({ userId: at.userId, sub: at.sub, key, memoryId: null, extra: value, fields: [], createdAt, updatedAt: now });
}

/** Removes a key, and its memory once no other key of the user points at it. */
export async function deleteKey(deps: StoreSearchDeps, at: UserNamespace, key: string): Promise<void> {
  const found = await ownedKey(deps, at, key);
  if (!found) return;
  deps.index.remove(at.userId, at.sub, key);
  if (found.record && deps.index.references(at.userId, found.record.id) === 0)
    await deps.api.delete(found.record.id, { userId: at.userId });
}
