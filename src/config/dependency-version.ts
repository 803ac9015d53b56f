import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DependencyVersionError } from "./errors.js";

/** The version of `pkg` that `from` (an import.meta.url) would load, or undefined when it is not installed. */
export function installedVersion(pkg: string, from: string): string | undefined {
  let entry: string;
  try {
    entry = createRequire(from).resolve(pkg);
  } catch {
    return undefined;
  }
  return versionOfEntry(pkg, entry);
}

/** The version in the package.json of `pkg` that holds the resolved file `entry`, or undefined when none does. */
export function versionOfEntry(pkg: string, entry: string): string | undefined {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (manifest.name === pkg) return manifest.version;
    } catch {
      continue;
    }
  }
  return undefined;
}

const sameMinor = (a: string, b: string): boolean => a.split(".").slice(0, 2).join(".") === b.split(".").slice(0, 2).join(".");

/**
 * Throws DependencyVersionError unless `installed` has the major.minor of `tested` (the `~` range package.json pins),
 * naming what the check guards; patch releases are accepted.
 */
export function requireTestedVersion(pkg: string, tested: string, installed: string | undefined, guards: string): void {
  if (installed !== undefined && sameMinor(installed, tested)) return;
  throw new DependencyVersionError(
    `memoria reaches into ${pkg}'s internals (${guards}) and was tested with ${pkg} ${tested}; ` +
      `${installed === undefined ? "it is not installed" : `${installed} is installed`}. Install ${pkg}@~${tested}.`,
  );
}
