import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

/** The WebAssembly text source of the exact scan. */
export const SCAN_WAT = fileURLToPath(new URL("../src/memory/index/vector/scan.wat", import.meta.url));
/** The TypeScript module that embeds the scan's bytes for the runtime. */
export const SCAN_MODULE = fileURLToPath(new URL("../src/memory/index/vector/scan-module.ts", import.meta.url));

/** Assembles scan.wat (SIMD enabled, validated) into its binary module. */
export async function compileScanWat(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat("scan.wat", await readFile(SCAN_WAT, "utf8"), { simd: true });
  try {
    parsed.validate();
    return Uint8Array.from(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The source of scan-module.ts for the given module bytes. */
export function renderScanModule(bytes: Uint8Array): string {
  return [
    "// Generated from scan.wat by `npm run build:wasm`; do not edit (test/memory/index/vector/scan-module.test.ts checks it is current).",
    "",
    "const SCAN_WASM_BASE64 =",
    `  "${Buffer.from(bytes).toString("base64")}";`,
    "",
    "/** The bytes of scan.wat: one import (a memory) and one exported function, `scores`. */",
    "export function scanModuleBytes(): Uint8Array {",
    '  return Uint8Array.from(Buffer.from(SCAN_WASM_BASE64, "base64"));',
    "}",
    "",
  ].join("\n");
}
