import { randomUUID } from "node:crypto";
import { InvalidInputError } from "../../config/errors.js";
import { normalizeText } from "../content-hash.js";
import type { EntityRecord, MemoryRecord } from "../types.js";
import type { MemoryApiDeps } from "./memory-api-types.js";
import { parseMemoryExport, type MemoryExport } from "./memory-export.js";

/** How many records an import stored. */
export interface ImportReport {
  memories: number;
  entities: number;
  history: number;
}

const reject = (problems: string[]): never => {
  throw new InvalidInputError(`The import was rejected and nothing was stored: ${problems.join("; ")}.`);
};

/**
 * Rejects an export that cannot be imported whole: repeated memory ids or entity names, or history about memories it neither
 * holds nor records as deleted. Returns the ids of those deleted memories (they must not exist in the store).
 */
function validate(parsed: MemoryExport): string[] {
  const problems: string[] = [];
  const ids = parsed.memories.map((m) => m.id);
  const seen = new Set<string>();
  const repeatedIds = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  if (repeatedIds.length) problems.push(`repeated memory ids: ${[...new Set(repeatedIds)].slice(0, 5).join(", ")}`);
  const names = new Map<string, string>();
  const repeatedNames: string[] = [];
  for (const e of parsed.entities) {
    const key = normalizeText(e.name);
    if (names.has(key)) repeatedNames.push(e.name);
    names.set(key, e.name);
  }
  if (repeatedNames.length) problems.push(`repeated entity names: ${[...new Set(repeatedNames)].slice(0, 5).join(", ")}`);
  const deleted = new Set(parsed.history.filter((e) => e.action === "DELETE" && !seen.has(e.memoryId)).map((e) => e.memoryId));
  const known = (id: string | null) => id === null || seen.has(id) || deleted.has(id);
  const foreign = parsed.history.filter((e) => !known(e.memoryId) || !known(e.relatedId));
  if (foreign.length) problems.push(`${foreign.length} history events point at memories not in this import (e.g. ${foreign[0]!.memoryId})`);
  if (problems.length) reject(problems);
  return [...deleted];
}

/**
 * Imports an export for a user, all or nothing: everything is validated first, memories go to Chroma in batches, and when a
 * later step fails the memories and entities already written are removed and those they overwrote restored. Ids are kept
 * unless one belongs to another user; then all are renamed.
 */
export async function importMemories(deps: MemoryApiDeps, userId: string, data: unknown): Promise<ImportReport> {
  const parsed = parseMemoryExport(data);
  const deleted = validate(parsed);
  if ((await deps.memory.getMany(deleted)).length) reject(["history events of deleted memories name ids that exist in the store"]);
  const existing = await deps.memory.getMany(parsed.memories.map((m) => m.id));
  const clash = existing.some((r) => r.userId !== userId);
  const ids = new Map(parsed.memories.map((m) => [m.id, clash ? randomUUID() : m.id]));
  const rename = (id: string | null) => (id === null ? null : (ids.get(id) ?? id));
  const memories = parsed.memories.map((m) => ({ ...m, kind: m.kind ?? "fact", userId, id: rename(m.id)! }) as MemoryRecord);
  const overwritten = clash ? [] : existing;
  const entitiesBefore: EntityRecord[] = await deps.entities.list(userId);
  await deps.memory.importRecords(userId, memories);
  let entitiesWritten = false;
  try {
    await deps.entities.importRecords(userId, parsed.entities);
    entitiesWritten = true;
    await deps.ledger.history.record(
      parsed.history.map((e) => ({ ...e, userId, memoryId: rename(e.memoryId)!, relatedId: rename(e.relatedId) })),
    );
  } catch (error) {
    await deps.memory.unimport(
      userId,
      memories.map((m) => m.id),
      overwritten,
    );
    if (entitiesWritten) await restoreEntities(deps, userId, entitiesBefore);
    throw error;
  }
  return { memories: memories.length, entities: parsed.entities.length, history: parsed.history.length };
}

async function restoreEntities(deps: MemoryApiDeps, userId: string, before: EntityRecord[]): Promise<void> {
  const kept = new Set(before.map((e) => e.id));
  for (const e of await deps.entities.list(userId)) if (!kept.has(e.id)) await deps.entities.remove(userId, e.id);
  await deps.entities.importRecords(userId, before);
}
