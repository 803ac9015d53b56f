import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { StorageError } from "../../../../src/config/errors.js";
import {
  PINNED_CHROMA_BINDING,
  chromaBindingPackage,
  glibcError,
  resolveChromaBinding,
} from "../../../../src/memory/records/chroma/chroma-binding.js";

const GLIBC_STDERR =
  "Error: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by /app/node_modules/chromadb-js-bindings-linux-x64-gnu/chromadb-js-bindings.linux-x64-gnu.node)";

describe("embedded Chroma binding", () => {
  it("names chromadb's binding package per platform and refuses unknown ones", () => {
    expect(chromaBindingPackage("linux", "x64")).toBe("chromadb-js-bindings-linux-x64-gnu");
    expect(chromaBindingPackage("darwin", "arm64")).toBe("chromadb-js-bindings-darwin-arm64");
    expect(() => chromaBindingPackage("aix", "ppc64")).toThrow(/CHROMA_URL/);
  });

  it("resolves the pinned build on linux x64", () => {
    if (process.platform !== "linux" || process.arch !== "x64") return;
    const binding = resolveChromaBinding();
    const pkg = JSON.parse(readFileSync(join(dirname(binding), "package.json"), "utf8")) as { version: string };
    expect(pkg.version).toBe(PINNED_CHROMA_BINDING);
  });

  it("turns a glibc load failure into one message with the exact fix", () => {
    const error = glibcError(GLIBC_STDERR, "/app/node_modules/x.node");
    expect(error).toBeInstanceOf(StorageError);
    expect(error?.message).toContain("needs glibc 2.38");
    expect(error?.message).toContain(`npm install chromadb-js-bindings-linux-x64-gnu@${PINNED_CHROMA_BINDING}`);
    expect(error?.message).toContain("CHROMA_URL=http://localhost:8000");
    expect(glibcError("address already in use", "x")).toBeUndefined();
  });
});
