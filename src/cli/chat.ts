#!/usr/bin/env node
import { loadDotEnv } from "../config/dotenv.js";
import { runChat } from "./run-chat.js";
import { runMcp } from "./run-mcp.js";

try {
  loadDotEnv();
  const [command, ...rest] = process.argv.slice(2);
  const io = { input: process.stdin, output: process.stdout, errorOutput: process.stderr };
  process.exitCode = command === "mcp" ? await runMcp({ argv: rest, ...io }) : await runChat({ argv: process.argv.slice(2), ...io });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
