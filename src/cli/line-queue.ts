import type { Interface } from "node:readline";

/** Reads a readline interface one line at a time; lines typed while a turn runs wait their turn, and `undefined` means input ended. */
export function lineQueue(rl: Interface): () => Promise<string | undefined> {
  const lines: string[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  rl.on("line", (line) => {
    lines.push(line);
    notify();
  });
  rl.on("close", () => {
    closed = true;
    notify();
  });
  return async () => {
    while (lines.length === 0 && !closed) await new Promise<void>((resolve) => (wake = resolve));
    return lines.shift();
  };
}
