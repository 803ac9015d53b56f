import { join } from "node:path";
import type { AppConfig } from "../config/env.js";
import { MemoriaStore, type MemoriaStoreApi } from "./memoria-store.js";

/** A MemoriaStore over a memoria instance's API, its key index beside the ledger (`<dataDir>/<prefix>-store.sqlite`); `userId` binds it to one user. */
export function memoriaStoreFor(
  memoria: { api: MemoriaStoreApi; config: AppConfig },
  options: { root?: string; userId?: string } = {},
): MemoriaStore {
  const path = join(memoria.config.dataDir, `${memoria.config.collectionPrefix}-store.sqlite`);
  return new MemoriaStore({ api: memoria.api, path, root: options.root, userId: options.userId });
}
