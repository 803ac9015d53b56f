/** Characters of a child's stderr kept from its start (where the cause is) and from its end. */
const HEAD_CHARS = 32_000;
const TAIL_CHARS = 4_000;
const MAX_CAUSE_LINES = 8;

/** Lines that are part of a Rust or Node backtrace, or its headings. */
const BACKTRACE = /^\s*(?:\d+:\s|at\s|stack backtrace:|note: Some details are omitted|note: run with `RUST_BACKTRACE)/;

/** Lines that state what went wrong. */
const CAUSE =
  /error|fail|panic|fatal|abort|denied|full|refused|in use|cannot|can't|could not|unable|invalid|no such|not found|corrupt|malformed/i;

/** Keeps the head and the tail of a stream of text, so a long backtrace cannot push out the first lines that name the cause. */
export class StderrKeeper {
  private head = "";
  private tail = "";

  /** Adds a chunk of output. */
  push(chunk: string): void {
    const room = HEAD_CHARS - this.head.length;
    if (room > 0) this.head += chunk.slice(0, room);
    if (chunk.length > room) this.tail = (this.tail + chunk.slice(Math.max(room, 0))).slice(-TAIL_CHARS);
  }

  /** Everything kept, head then tail. */
  text(): string {
    return this.tail ? `${this.head}\n…\n${this.tail}` : this.head;
  }
}

/** The lines of a failed server's stderr that say why it failed, without backtrace frames (de-duplicated, at most a few); its last lines when none does, unless `strict`. */
export function causeLines(stderr: string, strict = false): string[] {
  const lines = stderr
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !BACKTRACE.test(l));
  const causes = lines.filter((l) => CAUSE.test(l));
  const picked = [...new Set(causes.length || strict ? causes : lines.slice(-3))];
  return picked.slice(0, MAX_CAUSE_LINES).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l.trim()));
}

/** How a child process ended, in words: "was killed by SIGABRT" or "exited with code 1". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
