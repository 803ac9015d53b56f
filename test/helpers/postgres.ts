import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway PostgreSQL server in a temp directory. */
export interface TestPostgres {
  url: string;
  stop(): void;
}

const NOBODY = 65534;

/** The directory holding initdb and pg_ctl (Debian's /usr/lib/postgresql/<v>/bin, or PATH), if PostgreSQL is installed. */
export function postgresBinDir(): string | undefined {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    const found = versions.map((v) => join(debian, v, "bin")).find((d) => existsSync(join(d, "initdb")));
    if (found) return found;
  }
  for (const dir of (process.env.PATH ?? "").split(":"))
    if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  return undefined;
}

/** Why Postgres tests are skipped here, or undefined when they run. */
export const postgresSkipReason = (): string | undefined =>
  postgresBinDir()
    ? undefined
    : "PostgreSQL binaries (initdb, pg_ctl) not found: install the Debian package postgresql; Postgres tests skipped.";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts PostgreSQL on a free port in a fresh temp directory (as user nobody when run as root, since postgres refuses root). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresSkipReason());
  const dir = mkdtempSync(join(tmpdir(), "memoria-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "nobody", "--", join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(join(bin, cmd), args, { stdio: "pipe" });
  const data = join(dir, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", "memoria", "-E", "UTF8", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  let stopped = false;
  return {
    url: `postgresql://memoria@127.0.0.1:${port}/postgres`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
