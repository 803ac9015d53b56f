import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startChromaServer, type ChromaServer } from "../../src/memory/records/chroma/chroma-server.js";

let server: ChromaServer | undefined;
let dir: string | undefined;

/** Starts one real Chroma server on a free port for the whole test run. */
export async function setup(project: TestProject): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), "memoria-chroma-"));
  server = await startChromaServer({ path: dir });
  project.provide("chromaUrl", server.url);
}

/** Stops the server and removes its data. */
export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    chromaUrl: string;
  }
}
