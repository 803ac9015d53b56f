/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** Every character some tokenizer or renderer reads as a line break (Python's str.splitlines set, plus U+2028/U+2029). */
const LINE_BREAKS = /[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029])[ \t]*/g;

/** Line breaks other than CR and LF, which escapeData turns into LF so every reader sees the same lines. */
const OTHER_BREAKS = /[\v\f\x1c-\x1e\u0085\u2028\u2029]/g;

/** Control characters with no place in chat text (C0 and C1 except tab and the line breaks above, DEL). */
const CONTROLS = /[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]/g;

/** ASCII angle brackets and their lookalikes (fullwidth, small form, CJK, mathematical, modifier letters, syllabics). */
const OPENERS = /[<\uff1c\ufe64\u2329\u3008\u27e8\u02c2\u1438]/g;
const CLOSERS = /[>\uff1e\ufe65\u232a\u3009\u27e9\u02c3\u1433]/g;

/**
 * Neutralises angle brackets and their lookalikes (all shown as ‹ ›) so stored text cannot close, open or imitate the prompt's
 * data tags; shows every line break as LF and drops other control characters.
 */
export function escapeData(text: string): string {
  return text.replace(OTHER_BREAKS, "\n").replace(CONTROLS, "").replace(OPENERS, "‹").replace(CLOSERS, "›");
}

/** Shows line breaks (including U+001C-U+001E, NEL, LS and PS) as ⏎ so a stored field stays on one line. */
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
