const PREFIX = "memoria> ";
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 120;
const CLEAR_LINE = "\r\x1b[2K";

/** Writes one reply after the "memoria> " prefix; `done` ends it (and its progress indicator). */
export interface ReplyWriter {
  write(chunk: string): void;
  done(): void;
}

/**
 * Starts a reply line. On a terminal a "thinking…" spinner runs until the first chunk arrives (or the turn ends), then the line is
 * cleared and redrawn with the prefix; elsewhere only the prefix is written, so piped output stays clean.
 */
export function startReply(out: (text: string) => void, terminal: boolean): ReplyWriter {
  let frame = 0;
  const draw = () => out(`${CLEAR_LINE}${PREFIX}${FRAMES[frame++ % FRAMES.length]} thinking…`);
  let spinner: ReturnType<typeof setInterval> | undefined;
  if (terminal) {
    draw();
    spinner = setInterval(draw, FRAME_MS);
    spinner.unref();
  } else {
    out(PREFIX);
  }
  const stop = () => {
    if (!spinner) return;
    clearInterval(spinner);
    spinner = undefined;
    out(`${CLEAR_LINE}${PREFIX}`);
  };
  return {
    write(chunk) {
      stop();
      out(chunk);
    },
    done: stop,
  };
}
