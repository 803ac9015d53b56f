import { createRequire } from "node:module";
import { StorageError } from "../../../config/errors.js";

/** The chromadb native binding version memoria pins: later ones need glibc 2.38+. */
export const PINNED_CHROMA_BINDING = "1.0.5";

/** The npm package holding Chroma's native server binding for this platform, as chromadb names it. */
export function chromaBindingPackage(platform: string = process.platform, arch: string = process.arch): string {
  const name = `${platform}-${arch}`;
  const packages: Record<string, string> = {
    "darwin-arm64": "chromadb-js-bindings-darwin-arm64",
    "darwin-x64": "chromadb-js-bindings-darwin-x64",
    "linux-arm64": "chromadb-js-bindings-linux-arm64-gnu",
    "linux-x64": "chromadb-js-bindings-linux-x64-gnu",
    "win32-x64": "chromadb-js-bindings-win32-x64-msvc",
    "win32-arm64": "chromadb-js-bindings-win32-arm64-msvc",
  };
  const found = packages[name];
  if (!found) throw new StorageError(`Embedded Chroma has no native binary for ${name}; run a Chroma server and set CHROMA_URL.`);
  return found;
}

/**
 * Path of the native binding to run: memoria's own pinned copy first (an optional dependency, so a consumer's
 * plain install gets the glibc 2.36-compatible build), else the one the chromadb package resolves.
 */
export function resolveChromaBinding(): string {
  const pkg = chromaBindingPackage();
  const fromHere = createRequire(import.meta.url);
  try {
    return fromHere.resolve(pkg);
  } catch {
    try {
      return createRequire(fromHere.resolve("chromadb")).resolve(pkg);
    } catch (cause) {
      throw new StorageError(
        `Embedded Chroma needs the package ${pkg}; run \`npm install ${pkg}\` (do not omit optional dependencies) or set CHROMA_URL.`,
        {
          cause,
        },
      );
    }
  }
}

/** A clear error for a Chroma binary this system's C library cannot load, or undefined when stderr shows another problem. */
export function glibcError(stderr: string, binding: string): StorageError | undefined {
  const needed = /GLIBC_(\d+\.\d+)' not found/.exec(stderr)?.[1];
  if (!needed) return undefined;
  return new StorageError(
    `The embedded Chroma binary (${binding}) needs glibc ${needed}, newer than this system's. ` +
      `Fix: \`npm install chromadb-js-bindings-linux-x64-gnu@${PINNED_CHROMA_BINDING}\` in your project ` +
      `(memoria lists it as an optional dependency; do not install with --omit=optional), ` +
      `or run a Chroma server yourself (docker run -p 8000:8000 chromadb/chroma) and set CHROMA_URL=http://localhost:8000.`,
  );
}
