import type { FilterNode, FilterScalar } from "../filter-node.js";
import type { MemoryFilter, MemoryRecord } from "../types.js";
import { fieldSpec, type FieldKind, type FieldResolver } from "./filter-fields.js";
import { memoryFilterNode } from "./memory-filter-node.js";

/** A compiled filter: whether one record passes. */
export type RecordPredicate<T = MemoryRecord> = (record: T) => boolean;

const norm = (kind: FieldKind, v: FilterScalar): FilterScalar => (kind === "date" && typeof v === "string" ? Date.parse(v) : v);

const same = (a: unknown, b: FilterScalar): boolean => a === b || (a === undefined && b === null);

const ordered = (a: unknown, b: FilterScalar): number | undefined => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
};

const contains = (a: unknown, b: FilterScalar, fold: boolean): boolean => {
  if (typeof a === "string" && typeof b === "string") return fold ? a.toLowerCase().includes(b.toLowerCase()) : a.includes(b);
  if (Array.isArray(a))
    return a.some((x) => (fold && typeof x === "string" && typeof b === "string" ? x.toLowerCase() === b.toLowerCase() : x === b));
  return false;
};

/** Compiles a filter node into a predicate over records (or other objects, given their field resolver); missing fields match only $ne and $nin. */
export function compileFilter<T = MemoryRecord>(node: FilterNode, resolve: FieldResolver<T> = fieldSpec as never): RecordPredicate<T> {
  if ("and" in node) {
    const all = node.and.map((n) => compileFilter(n, resolve));
    return (r) => all.every((p) => p(r));
  }
  if ("or" in node) {
    const any = node.or.map((n) => compileFilter(n, resolve));
    return (r) => any.some((p) => p(r));
  }
  if ("not" in node) {
    const inner = compileFilter(node.not, resolve);
    return (r) => !inner(r);
  }
  const spec = resolve(node.field);
  if (!spec) throw new Error(`Unknown filter field "${node.field}".`);
  const read = spec.read;
  const list = Array.isArray(node.value) ? node.value.map((v) => norm(spec.kind, v)) : [];
  const v = Array.isArray(node.value) ? null : norm(spec.kind, node.value);
  const cmp = (test: (n: number) => boolean) => (r: T) => {
    const d = ordered(read(r), v);
    return d !== undefined && test(d);
  };
  switch (node.op) {
    case "$eq":
      return (r) => same(read(r), v);
    case "$ne":
      return (r) => !same(read(r), v);
    case "$gt":
      return cmp((d) => d > 0);
    case "$gte":
      return cmp((d) => d >= 0);
    case "$lt":
      return cmp((d) => d < 0);
    case "$lte":
      return cmp((d) => d <= 0);
    case "$in":
      return (r) => list.some((x) => same(read(r), x));
    case "$nin":
      return (r) => !list.some((x) => same(read(r), x));
    case "$contains":
      return (r) => contains(read(r), v, false);
    case "$icontains":
      return (r) => contains(read(r), v, true);
  }
}

const compiled = new WeakMap<MemoryFilter, RecordPredicate>();

/** The predicate of a memory filter (owner, currency, fields and `where`), compiled once per filter object. */
export function filterPredicate(filter: MemoryFilter): RecordPredicate {
  let predicate = compiled.get(filter);
  if (!predicate) compiled.set(filter, (predicate = compileFilter(memoryFilterNode(filter))));
  return predicate;
}

/** Whether a record satisfies a memory filter; the Chroma `where` of memoryWhere never drops a record this accepts. */
export function matchesFilter(record: MemoryRecord, filter: MemoryFilter): boolean {
  return filterPredicate(filter)(record);
}
