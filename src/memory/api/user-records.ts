import { InvalidInputError } from "../../config/errors.js";
import { normalizeText } from "../content-hash.js";
import { resolvePartialName } from "../entity-merge.js";
import type { EntityRecord } from "../types.js";
import { apiNow, checkUserId } from "./api-checks.js";
import { purgeExpired } from "./expiry.js";
import type { MemoryApiDeps } from "./memory-api-types.js";
import { MEMORY_EXPORT_VERSION, type MemoryExport } from "./memory-export.js";

/** MemoryApi.deleteEntity: removes the user's entity named by id, name or a shorter or longer form of its name; returns it, or undefined. */
export async function deleteEntityNamed(deps: MemoryApiDeps, userId: string, nameOrId: string): Promise<EntityRecord | undefined> {
  checkUserId(userId);
  const needle = nameOrId.trim();
  if (!needle) throw new InvalidInputError("deleteEntity needs an entity name or id.");
  const all = await deps.entities.list(userId);
  const target =
    all.find((e) => e.id === needle) ??
    all.find((e) => normalizeText(e.name) === normalizeText(needle)) ??
    resolvePartialName({ name: needle, kind: "" }, all);
  return target && (await deps.entities.remove(userId, target.id)) ? target : undefined;
}

/** MemoryApi.export: every memory, entity and history event of a user as versioned JSON, after purging expired memories. */
export async function exportUser(deps: MemoryApiDeps, userId: string): Promise<MemoryExport> {
  checkUserId(userId);
  await purgeExpired(deps, userId, apiNow(deps));
  const [memories, entities] = await Promise.all([deps.memory.all({ userId }), deps.entities.list(userId)]);
  const history = await deps.ledger.history.forUser(userId);
  return { format: "memoria-export", version: MEMORY_EXPORT_VERSION, userId, exportedAt: apiNow(deps), memories, entities, history };
}
