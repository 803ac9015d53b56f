/** Neutralises angle brackets so stored text cannot close or open the prompt's data tags. */
export function escapeData(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›");
}

/** Wraps lines of data in a named tag, escaped, or returns nothing when there are none. */
export function dataBlock(tag: string, lines: string[]): string {
  const body = lines.map((l) => escapeData(l.trim())).filter(Boolean);
  return body.length ? `<${tag}>\n${body.join("\n")}\n</${tag}>` : "";
}
