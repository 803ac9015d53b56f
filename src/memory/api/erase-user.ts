import { ConfigError } from "../../config/errors.js";
import { checkUserId } from "./api-checks.js";
import type { DeleteUserOptions, DeleteUserReport, MemoryApiDeps } from "./memory-api-types.js";

/** A function erasing a user's data kept outside memoria's stores. */
export type UserEraser = (userId: string) => unknown;

/** MemoryApi.deleteUser: erases everything of a user, holding the user's runs meanwhile when the deps track them. */
export function deleteUserData(
  deps: MemoryApiDeps,
  erasers: Iterable<UserEraser>,
  userId: string,
  options: DeleteUserOptions,
): Promise<DeleteUserReport> {
  checkUserId(userId);
  const erase = () => eraseUser(deps, erasers, userId, options);
  return deps.runs ? deps.runs.exclusive(userId, erase) : erase();
}

async function eraseUser(
  deps: MemoryApiDeps,
  erasers: Iterable<UserEraser>,
  userId: string,
  options: DeleteUserOptions,
): Promise<DeleteUserReport> {
  const { ledger, checkpointer } = deps;
  const queuedJobs = (await deps.background?.forgetUser(userId)) ?? 0;
  const threads = await ledger.threads.threadsOf(userId);
  const deleteThread = options.deleteThread ?? (checkpointer && ((id: string) => checkpointer.deleteThread(id)));
  if (threads.length && !deleteThread) throw new ConfigError("deleteUser needs the checkpointer to delete the user's threads.");
  for (const threadId of threads) await deleteThread!(threadId);
  const [memories, entities] = await Promise.all([deps.memory.deleteUser(userId), deps.entities.deleteUser(userId)]);
  await ledger.threads.deleteUser(userId);
  for (const erase of erasers) await erase(userId);
  const report = { memories, entities, threads: threads.length, queuedJobs: queuedJobs + (await ledger.queue.deleteUser(userId)) };
  await ledger.checkpoint();
  return report;
}
