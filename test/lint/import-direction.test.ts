import { describe, expect, it } from "vitest";
import { importErrors } from "./lint-imports.js";

describe("import direction lint rule", () => {
  it("fails a memory module that imports the graph", async () => {
    const errors = await importErrors(
      "src/memory/retrieval/upward.ts",
      `import { parseContext } from "../../graph/context.js";\nexport const p = parseContext;\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("src/memory may not import graph, nodes or cli");
  });

  it("fails a memory domain file that imports a memory module", async () => {
    const errors = await importErrors(
      "src/memory/upward.ts",
      `import { hybridSearch } from "./retrieval/hybrid-search.js";\nexport const h = hybridSearch;\n`,
    );
    expect(errors).toHaveLength(1);
  });

  it("fails a memory module that imports the memory API", async () => {
    const errors = await importErrors("src/memory/store/upward.ts", `export { MemoryApi } from "../api/memory-api.js";\n`);
    expect(errors).toHaveLength(1);
  });

  it("fails a provider that imports memory and a node that imports the composition root", async () => {
    expect(
      await importErrors(
        "src/providers/upward.ts",
        `import type { MemoryRecord } from "../memory/types.js";\nexport type M = MemoryRecord;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        "src/nodes/upward.ts",
        `import { createMemoria } from "../graph/create-memoria.js";\nexport const c = createMemoria;\n`,
      ),
    ).toHaveLength(1);
  });

  it("fails a server module that imports cli or the composition root, and passes one that imports the memory API", async () => {
    expect(
      await importErrors("src/server/upward.ts", `import { auth } from "../cli/dev-server-auth.js";\nexport const a = auth;\n`),
    ).toHaveLength(1);
    expect(
      await importErrors(
        "src/server/upward.ts",
        `import { sharedMemoria } from "../graph/compiled.js";\nexport const s = sharedMemoria;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await importErrors(
        "src/server/downward.ts",
        `import { MemoryApi } from "../memory/api/memory-api.js";\nexport const m = MemoryApi;\n`,
      ),
    ).toEqual([]);
  });

  it("passes imports that flow downward", async () => {
    expect(
      await importErrors(
        "src/memory/index/downward.ts",
        `import type { MemoryRecord } from "../types.js";\nimport { Bm25Index } from "./lexical/bm25.js";\nexport type M = MemoryRecord;\nexport const b = Bm25Index;\n`,
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        "src/memory/api/downward.ts",
        `import { openStores } from "../store/open-stores.js";\nexport const o = openStores;\n`,
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        "src/nodes/downward.ts",
        `import { contextFromConfig } from "../graph/context.js";\nimport type { LongTermMemory } from "../memory/interfaces.js";\nexport type L = LongTermMemory;\nexport const c = contextFromConfig;\n`,
      ),
    ).toEqual([]);
  });
});
