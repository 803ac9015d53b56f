import type { Logger } from "../config/logger.js";

const open = new Map<() => Promise<void>, Logger>();
let listening = false;

function closeAll(): void {
  const closing = [...open];
  open.clear();
  for (const [close, logger] of closing)
    close().catch((error: unknown) => logger.warn(`Closing memoria at exit failed: ${(error as Error).message}`, error));
}

/**
 * Closes an instance when the process has nothing left to do (`beforeExit`), so a script that never calls close() still sends
 * its queued writes and stops the embedded Chroma, then exits. Returns the function that unregisters it (close() calls it).
 */
export function closeOnExit(close: () => Promise<void>, logger: Logger): () => void {
  open.set(close, logger);
  if (!listening) {
    process.on("beforeExit", closeAll);
    listening = true;
  }
  return () => void open.delete(close);
}
