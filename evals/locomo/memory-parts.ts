import { FIELD_LIMITS } from "../../src/memory/field-limits.js";

/** The most characters one memory holds (the memory API's content limit); longer texts are stored in parts. */
export const MAX_MEMORY_CHARS = FIELD_LIMITS.content;

/**
 * A text cut into parts that each fit one memory: at the last whitespace before the limit (mid-word only when there is none
 * in the second half), every part after the first led by `lead` (e.g. "Speaker: "). A text that fits is its only part.
 */
export function memoryParts(text: string, lead = "", max = MAX_MEMORY_CHARS): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const prefix = parts.length > 0 && lead.length < max / 2 ? lead : "";
    const room = max - prefix.length;
    if (rest.length <= room) {
      parts.push(prefix + rest);
      break;
    }
    const space = rest.lastIndexOf(" ", room);
    const cut = space >= room / 2 ? space : room;
    parts.push(prefix + rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return parts;
}

/** Counts the texts too long for one memory and the parts they were stored in, for the run's output. */
export class SplitTally {
  texts = 0;
  parts = 0;

  constructor(private readonly noun: string) {}

  /** Records one text stored in `parts` parts. */
  add(parts: number): void {
    if (parts <= 1) return;
    this.texts += 1;
    this.parts += parts;
  }

  /** "2 turns over 2,000 characters stored as 5 memories", or undefined when nothing was split. */
  describe(): string | undefined {
    if (this.texts === 0) return undefined;
    const noun = this.texts === 1 ? this.noun : `${this.noun}s`;
    return `${this.texts} ${noun} over ${MAX_MEMORY_CHARS.toLocaleString("en-US")} characters stored as ${this.parts} memories`;
  }
}
