import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { compileScanWat, renderScanModule, SCAN_MODULE } from "../../../../scripts/scan-wasm.js";
import { scanModuleBytes } from "../../../../src/memory/index/vector/scan-module.js";
import { SimdPool, simdAvailable } from "../../../../src/memory/index/vector/simd-scan.js";

describe("scan.wat", () => {
  it("assembles into exactly the bytes embedded in scan-module.ts, and that file is what build:wasm writes", async () => {
    const built = await compileScanWat();
    expect(Buffer.from(scanModuleBytes()).equals(Buffer.from(built))).toBe(true);
    expect(await readFile(SCAN_MODULE, "utf8")).toBe(renderScanModule(built));
  });

  it.runIf(simdAvailable())("scores odd strides (one trailing lane group) like a plain dot product", () => {
    const stride = 12;
    const pool = SimdPool.create(stride, 3)!;
    const rows = [
      Array.from({ length: stride }, (_, i) => i + 1),
      Array.from({ length: stride }, (_, i) => (i % 3) - 1),
      new Array(stride).fill(0),
    ];
    rows.forEach((row, r) => pool.rows.set(row, r * stride));
    const query = Float32Array.from({ length: stride }, (_, i) => 0.5 - i / 10);
    const expected = rows.map((row) => row.reduce((s, x, i) => s + x * query[i]!, 0));
    const got = Array.from(pool.scores(query, 3));
    got.forEach((score, r) => expect(score).toBeCloseTo(expected[r]!, 4));
  });
});
