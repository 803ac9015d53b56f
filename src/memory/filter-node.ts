/** Comparison operators of the memory filter language. */
export const FILTER_OPS = ["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$contains", "$icontains"] as const;
/** One comparison operator of the memory filter language. */
export type FilterOp = (typeof FILTER_OPS)[number];
/** A value a comparison takes (a list for $in and $nin). */
export type FilterScalar = string | number | boolean | null;

/** A parsed memory filter: comparisons on fields, combined with and / or / not (see src/memory/filters). */
export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | { field: string; op: FilterOp; value: FilterScalar | FilterScalar[] };
