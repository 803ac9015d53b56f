/** A one-line progress bar on a stream (redrawn in place on a terminal, a line per 10% otherwise). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30) {
  const started = performance.now();
  let lastDecile = -1;
  return (done: number, total: number, label: string): void => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    const secs = ((performance.now() - started) / 1000).toFixed(0);
    const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${secs}s ${label}`;
    if (stream.isTTY) {
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}`);
      if (done === total) stream.write("\n");
      return;
    }
    const decile = Math.floor(share * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      stream.write(`${line}\n`);
    }
  };
}
