const WORD = /[\p{L}\p{N}]+/gu;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .match(WORD) ?? [];

/**
 * The one subject a query names: a subject is named when all words of its name, or its first word, occur in the query
 * (possessives folded: "Melanie's" names Melanie). Undefined when the query names none or several.
 */
export function namedSubject(query: string, subjects: Iterable<string>): string | undefined {
  const inQuery = new Set(words(query));
  if (!inQuery.size) return undefined;
  let found: string | undefined;
  for (const subject of subjects) {
    const name = words(subject);
    if (!name.length || !(name.every((w) => inQuery.has(w)) || inQuery.has(name[0]!))) continue;
    if (found !== undefined) return undefined;
    found = subject;
  }
  return found;
}
