#!/usr/bin/env node
import { runMcp } from "./run-mcp.js";

process.exitCode = await runMcp({ argv: process.argv.slice(2), input: process.stdin, output: process.stdout, errorOutput: process.stderr });
