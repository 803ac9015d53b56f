/** Minimal logger the nodes report degraded work to. */
export interface Logger {
  warn(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
}

const brief = (detail: unknown): string => {
  if (!(detail instanceof Error)) return detail === undefined ? "" : ` ${String(detail)}`;
  const cause = detail.cause instanceof Error ? `; cause: ${detail.cause.message.split("\n")[0]}` : "";
  return ` [${detail.name}${cause}]`;
};

/** Logger writing one line per event to stderr (error names and causes, not stacks). */
export const consoleLogger: Logger = {
  warn: (message, detail) => console.warn(`[memoria] ${message}${brief(detail)}`),
  info: (message, detail) => console.error(`[memoria] ${message}${brief(detail)}`),
};

/** Logger that drops everything. */
export const silentLogger: Logger = { warn: () => {}, info: () => {} };
