/** Minimal logger the nodes report degraded work to. */
export interface Logger {
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
}

/** Logger writing to stderr. */
export const consoleLogger: Logger = {
  warn: (message, detail) => console.warn(`[memoria] ${message}`, detail ?? ""),
  info: (message, detail) => console.error(`[memoria] ${message}`, detail ?? ""),
};

/** Logger that drops everything. */
export const silentLogger: Logger = { warn: () => {}, info: () => {} };
