import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { waitForGroup } from "./process-group.js";

const CLI = fileURLToPath(new URL("../../node_modules/.bin/langgraphjs", import.meta.url));
const STOP_LIMIT_MS = 15_000;

/**
 * Runs `langgraphjs dev` (arguments passed through) in its own process group and stops it cleanly on Ctrl-C or SIGTERM.
 * Started from the terminal directly, the CLI and its `tsx watch` both receive Ctrl-C and then signal the server twice, so
 * tsx SIGKILLs it ("Force killing") before memoria has closed its stores. Here only the CLI is signalled, the server gets one
 * SIGTERM and closes memoria (and its embedded Chroma), and this process exits once the whole group has ended.
 */
function main(): void {
  const child = spawn(process.execPath, [CLI, "dev", ...process.argv.slice(2)], { stdio: "inherit", detached: true });
  const pgid = child.pid!;
  let stopping = false;
  const finish = (code: number) =>
    void waitForGroup(pgid, STOP_LIMIT_MS).then((clean) => {
      if (!clean) console.error(`memoria: the dev server did not stop within ${STOP_LIMIT_MS / 1000} s and was killed.`);
      process.exit(clean ? code : 1);
    });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
    finish(0);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code) => {
    if (!stopping) finish(code ?? 1);
  });
}

main();
