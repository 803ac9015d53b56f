#!/usr/bin/env node
import { runChat } from "./run-chat.js";

process.exitCode = await runChat({ argv: process.argv.slice(2), input: process.stdin, output: process.stdout, errorOutput: process.stderr });
