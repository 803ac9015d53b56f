#!/usr/bin/env node
import { loadDotEnv } from "../config/dotenv.js";
import { runChat } from "./run-chat.js";

try {
  loadDotEnv();
  process.exitCode = await runChat({ argv: process.argv.slice(2), input: process.stdin, output: process.stdout, errorOutput: process.stderr });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
