import { describe, expect, it } from "vitest";
import { importErrors } from "./lint-imports.js";

describe("src/memory layer lint rules", () => {
  it.each([
    ["src/memory/records/back.ts", `export { IndexCache } from "../index/index-cache.js";\n`],
    ["src/memory/records/chroma/back.ts", `export { hybridSearch } from "../../retrieval/hybrid-search.js";\n`],
    ["src/memory/records/back.ts", `export { ChromaMemoryStore } from "../store/chroma-memory-store.js";\n`],
    ["src/memory/index/back.ts", `export { hybridSearch } from "../retrieval/hybrid-search.js";\n`],
    ["src/memory/index/lexical/back.ts", `export { openStores } from "../../store/open-stores.js";\n`],
    ["src/memory/retrieval/back.ts", `export { ChromaMemoryStore } from "../store/chroma-memory-store.js";\n`],
    ["src/memory/filters/back.ts", `export { IndexedRows } from "../records/indexed-rows.js";\n`],
  ])("fails a back-import from %s: %s", async (file, code) => {
    const errors = await importErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/may not import|is a leaf/);
  });

  it.each(["src/memory/index/x.ts", "src/memory/store/x.ts", "src/memory/retrieval/x.ts", "src/cli/x.ts", "src/memory/x.ts"])(
    "fails a chromadb import in %s",
    async (file) => {
      const errors = await importErrors(file, `import type { Collection } from "chromadb";\nexport type C = Collection;\n`);
      expect(errors.some((e) => e.includes("Only src/memory/records"))).toBe(true);
    },
  );

  it("passes downward imports, the filters leaf, and chromadb inside records", async () => {
    const cases: Array<[string, string]> = [
      ["src/memory/records/chroma/ok.ts", `import type { Collection } from "chromadb";\nexport type C = Collection;\n`],
      ["src/memory/index/ok.ts", `export { RecordChangeFeed } from "../records/change-feed.js";\nexport { x } from "../filters/x.js";\n`],
      ["src/memory/retrieval/ok.ts", `export { IndexCache } from "../index/index-cache.js";\nexport { x } from "../filters/x.js";\n`],
      ["src/memory/records/ok.ts", `export { x } from "../filters/x.js";\n`],
      ["src/memory/store/ok.ts", `export { hybridSearch } from "../retrieval/hybrid-search.js";\n`],
      ["src/memory/filters/ok.ts", `export type { MemoryFilter } from "../types.js";\n`],
    ];
    for (const [file, code] of cases) expect(await importErrors(file, code), file).toEqual([]);
  });
});
