import { InvalidInputError } from "../../config/errors.js";
import { IsoDateSchema } from "../field-limits.js";
import type { MemoryRecord } from "../types.js";
import type { ExpiryOptions, MemoryApiDeps } from "./memory-api-types.js";

/** The expiry instant (ISO) of a write, null for none; InvalidInputError for a bad date, a non-positive ttl or both given. */
export function expiresAtOf(options: ExpiryOptions, now: string): string | null {
  const { expiresAt, ttlSeconds } = options;
  if (expiresAt != null && ttlSeconds !== undefined) throw new InvalidInputError("Give expiresAt or ttlSeconds, not both.");
  if (ttlSeconds !== undefined) {
    if (typeof ttlSeconds !== "number" || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
      throw new InvalidInputError(`ttlSeconds must be a positive number of seconds; got ${String(ttlSeconds)}.`);
    return new Date(Date.parse(now) + ttlSeconds * 1000).toISOString();
  }
  if (expiresAt == null) return null;
  if (!IsoDateSchema.safeParse(expiresAt).success)
    throw new InvalidInputError(`expiresAt must be an ISO date or date-time; got ${JSON.stringify(expiresAt)}.`);
  return new Date(Date.parse(expiresAt)).toISOString();
}

/** Whether a memory has expired at `now`. */
export const isExpired = (record: MemoryRecord, now: string): boolean =>
  !!record.expiresAt && Date.parse(record.expiresAt) <= Date.parse(now);

/** Deletes the user's expired memories through the same path as delete (history DELETE event, text erased); returns their ids. */
export async function purgeExpired(deps: MemoryApiDeps, userId: string, now: string): Promise<string[]> {
  const ids = await deps.memory.expiredIds(userId, now);
  const purged: string[] = [];
  for (const id of ids) if (await deps.memory.remove(id, now)) purged.push(id);
  return purged;
}

const PURGE_EVERY_MS = 60_000;

/**
 * A purge of a user's expired memories run at most once a minute per user, and only once the user's search index is loaded, so a
 * search never waits on a read of all the user's rows from Chroma (search hides expired memories meanwhile).
 */
export function createPurgeThrottle(deps: MemoryApiDeps): (userId: string, now: string) => Promise<void> {
  const purgedAt = new Map<string, number>();
  return async (userId, now) => {
    const at = Date.parse(now);
    if (Math.abs(at - (purgedAt.get(userId) ?? -Infinity)) < PURGE_EVERY_MS || deps.memory.indexPending(userId)) return;
    purgedAt.set(userId, at);
    if (purgedAt.size > 10_000) purgedAt.delete(purgedAt.keys().next().value!);
    await purgeExpired(deps, userId, now);
  };
}
