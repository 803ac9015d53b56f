// Generated from scan.wat by `npm run build:wasm`; do not edit (test/memory/index/vector/scan-module.test.ts checks it is current).

const SCAN_WASM_BASE64 =
  "AGFzbQEAAAABCQFgBX9/f39/AAIPAQNlbnYGbWVtb3J5AgABAwIBAAcKAQZzY29yZXMAAAr5AQH2AQIDfwJ7IAQgAUECdGohByACQQJ0IQICQCAEIAdPDQADQCAAIAJqIQUgAyEG/QwAAAAAAAAAAAAAAAAAAAAAIQj9DAAAAAAAAAAAAAAAAAAAAAAhCQJAA0AgAEEgaiAFSw0BIAggAP0ABAAgBv0ABAD95gH95AEhCCAJIAD9AAQQIAb9AAQQ/eYB/eQBIQkgAEEgaiEAIAZBIGohBgwACwsgACAFSQRAIAggAP0ABAAgBv0ABAD95gH95AEhCCAFIQALIAggCf3kASEIIAQgCP0fACAI/R8BkiAI/R8CkiAI/R8DkjgCACAEQQRqIgQgB0kNAAsLCw==";

/** The bytes of scan.wat: one import (a memory) and one exported function, `scores`. */
export function scanModuleBytes(): Uint8Array {
  return Uint8Array.from(Buffer.from(SCAN_WASM_BASE64, "base64"));
}
