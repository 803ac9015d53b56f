import type { ListNamespacesOperation } from "@langchain/langgraph-checkpoint";

/** The page of namespaces a listNamespaces operation asks for, out of the given ones (match conditions, depth, offset, limit). */
export function listNamespaces(namespaces: string[][], op: ListNamespacesOperation): string[][] {
  const matches = (ns: string[]) =>
    (op.matchConditions ?? []).every(({ matchType, path }) => {
      if (path.length > ns.length) return false;
      const part = matchType === "prefix" ? ns.slice(0, path.length) : ns.slice(ns.length - path.length);
      return path.every((label, i) => label === "*" || label === part[i]);
    });
  const all = namespaces.filter(matches);
  const depth = op.maxDepth === undefined ? all : all.map((ns) => ns.slice(0, op.maxDepth));
  const unique = [...new Map(depth.map((ns) => [JSON.stringify(ns), ns])).values()];
  return unique.slice(op.offset, op.offset + op.limit);
}
