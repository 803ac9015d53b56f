const LINE_BREAKS = /[ \t]*(?:\r\n|[\n\r\v\f\u0085\u2028\u2029])[ \t]*/g;

/** Neutralises angle brackets so stored text cannot close or open the prompt's data tags. */
export function escapeData(text: string): string {
  return text.replace(/</g, "‹").replace(/>/g, "›");
}

/** Shows line breaks as ⏎ so a stored field stays on one line. */
export function oneLine(text: string): string {
  return text.replace(LINE_BREAKS, " ⏎ ");
}

/** Escapes one stored field for a one-line prompt item: brackets neutralised and line breaks shown as ⏎, so it can forge no line. */
export function escapeField(text: string): string {
  return oneLine(escapeData(text));
}

/** Wraps lines of data in a named tag, escaped, or returns nothing when there are none. */
export function dataBlock(tag: string, lines: string[]): string {
  const body = lines.map((l) => escapeData(l.trim())).filter(Boolean);
  return body.length ? `<${tag}>\n${body.join("\n")}\n</${tag}>` : "";
}

/** Wraps one-line items in a named tag, each escaped with escapeField, or returns nothing when there are none. */
export function itemBlock(tag: string, items: string[]): string {
  return dataBlock(tag, items.map(escapeField));
}
