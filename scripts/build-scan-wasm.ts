import { readFile, writeFile } from "node:fs/promises";
import { compileScanWat, renderScanModule, SCAN_MODULE } from "./scan-wasm.js";

const source = renderScanModule(await compileScanWat());
const current = await readFile(SCAN_MODULE, "utf8").catch(() => "");
if (current !== source) {
  await writeFile(SCAN_MODULE, source);
  console.log(`Rebuilt ${SCAN_MODULE} from scan.wat.`);
}
