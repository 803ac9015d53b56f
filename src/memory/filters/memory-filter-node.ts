import type { FilterNode } from "../filter-node.js";
import type { MemoryFilter } from "../types.js";

/** The filter node of a memory filter's fields: owner, currency, content hash, the exact-value fields, date bounds and `where`. */
export function memoryFilterNode(filter: MemoryFilter): FilterNode {
  const all: FilterNode[] = [{ field: "userId", op: "$eq", value: filter.userId }];
  const eq = (field: string, value: string | boolean | undefined) => {
    if (value !== undefined && value !== "") all.push({ field, op: "$eq", value });
  };
  eq("current", filter.current);
  eq("type", filter.type);
  eq("kind", filter.kind);
  eq("category", filter.category);
  eq("subject", filter.subject);
  eq("contentHash", filter.contentHash);
  if (filter.createdFrom) all.push({ field: "createdAt", op: "$gte", value: filter.createdFrom });
  if (filter.createdTo) all.push({ field: "createdAt", op: "$lte", value: filter.createdTo });
  if (filter.eventFrom) all.push({ field: "eventDate", op: "$gte", value: filter.eventFrom });
  if (filter.eventTo) all.push({ field: "eventDate", op: "$lte", value: filter.eventTo });
  if (filter.where) all.push(filter.where);
  if (filter.liveAt) all.push({ field: "liveUntil", op: "$gt", value: filter.liveAt });
  return all.length === 1 ? all[0]! : { and: all };
}
