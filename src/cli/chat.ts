#!/usr/bin/env node
import { runChat } from "./run-chat.js";
import { runMcp } from "./run-mcp.js";

const [command, ...rest] = process.argv.slice(2);
const io = { input: process.stdin, output: process.stdout, errorOutput: process.stderr };
process.exitCode = command === "mcp" ? await runMcp({ argv: rest, ...io }) : await runChat({ argv: process.argv.slice(2), ...io });
