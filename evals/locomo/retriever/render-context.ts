import type { RetrievalDoc } from "./hybrid-retriever.js";

/** Compact context: retrieved documents regrouped by group in their original order, one date header per group. */
export function renderContext(docs: RetrievalDoc[], groupOrder?: (group: string) => number): string[] {
  const groups = new Map<string, RetrievalDoc[]>();
  for (const d of docs) {
    const key = d.group ?? "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(d);
  }
  const order = groupOrder ?? ((g: string) => Number(/\d+/.exec(g)?.[0] ?? 0));
  const lines: string[] = [];
  for (const [group, members] of [...groups].sort((a, b) => order(a[0]) - order(b[0]))) {
    members.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    const date = members[0]?.date;
    if (date || group) lines.push(`[${date ?? group}]`);
    for (const d of members) lines.push(d.text);
  }
  return lines;
}
