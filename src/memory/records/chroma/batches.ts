import type { Collection, Where } from "chromadb";
import { chromaCall } from "./collections.js";

/** Rows per Chroma call, below the embedded server's maximum batch of 5,461. */
export const CHROMA_BATCH = 5000;

/** Splits items into consecutive chunks of at most size. */
export function chunked<T>(items: T[], size = CHROMA_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Deletes every row matching a filter and returns how many there were (Chroma's own delete answers no count). */
export async function deleteWhere(collection: Collection, where: Where): Promise<number> {
  const { ids } = await chromaCall("get", () => collection.get({ where, include: [] }));
  for (const chunk of chunked(ids)) await chromaCall("delete", () => collection.delete({ ids: chunk }));
  return ids.length;
}
