import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../cli/spawn-chat.js";

const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
const SPECIFIER = /(?:from\s+|import\(\s*|\)\(\s*|require\(\s*)"(@?[a-z0-9][\w.\-/@]*)"/g;

/** Packages the runtime code (src/) imports or requires, by package name. */
function importedBySrc(): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(repoPath("src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const file of files) {
    for (const [, spec] of readFileSync(join(repoPath("src"), file), "utf8").matchAll(SPECIFIER)) {
      if (spec!.startsWith("node:")) continue;
      names.add(
        spec!
          .split("/")
          .slice(0, spec!.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
  }
  return names;
}

describe("package.json dependencies", () => {
  const declared = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
  const runtime = { ...pkg.dependencies, ...pkg.optionalDependencies };

  it("declares every package src/ loads, and ships no runtime dependency src/ never loads", () => {
    const imported = importedBySrc();
    expect([...imported].filter((name) => !(name in declared))).toEqual([]);
    // The pinned Chroma binding is loaded by path (chroma-binding.ts), not by a literal specifier.
    const unused = Object.keys(runtime).filter((name) => !imported.has(name) && name !== "chromadb-js-bindings-linux-x64-gnu");
    expect(unused).toEqual([]);
  });

  it("keeps build-only word vectors out of the runtime dependencies", () => {
    expect(Object.keys(runtime).filter((name) => name.startsWith("wink-"))).toEqual([]);
  });
});
