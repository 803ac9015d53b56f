import { readdirSync, rmSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChromaClient } from "chromadb";
import { chromaClient } from "../../src/memory/records/chroma/connect.js";
import { startChromaServer, type ChromaServer } from "../../src/memory/records/chroma/chroma-server.js";
import { rssMb, timed } from "../scale/measure.js";

const TIMEOUT_MS = 600_000;
const removals = new Set<string>();
process.once("exit", () => removals.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

/** An embedded Chroma server in its own temp dir, restartable; `close` stops it and removes the dir. */
export class ChromaBox {
  private server?: ChromaServer;
  client!: ChromaClient;

  private constructor(readonly dir: string) {}

  /** Makes a temp dir (removed at exit even on failure) and starts Chroma in it. */
  static async open(label: string): Promise<ChromaBox> {
    const dir = await mkdtemp(join(tmpdir(), `memoria-bench-${label}-`));
    removals.add(dir);
    const box = new ChromaBox(dir);
    try {
      await box.start();
    } catch (error) {
      await box.close();
      throw error;
    }
    return box;
  }

  /** Starts Chroma on the box's data dir; returns the time until its heartbeat answered. */
  async start(): Promise<number> {
    const [ms, server] = await timed(() => startChromaServer({ path: join(this.dir, "chroma"), timeoutMs: TIMEOUT_MS }));
    this.server = server;
    this.client = chromaClient(server.url, TIMEOUT_MS);
    return ms;
  }

  /** Stops Chroma (the data stays). */
  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  /** Stops and starts Chroma; returns the start time in ms. */
  async restart(): Promise<number> {
    await this.stop();
    return this.start();
  }

  /** VmRSS of the Chroma process in MB. */
  rss(): number | undefined {
    return rssMb(this.server?.pid);
  }

  /** Bytes allocated on disk under the data dir, in MB. */
  diskMb(): number {
    let blocks = 0;
    for (const entry of readdirSync(this.dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) blocks += statSync(join(entry.parentPath, entry.name)).blocks;
    }
    return (blocks * 512) / 1024 / 1024;
  }

  /** Stops Chroma and removes the temp dir. */
  async close(): Promise<void> {
    try {
      await this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      removals.delete(this.dir);
    }
  }
}
