import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const root = fileURLToPath(new URL("../..", import.meta.url));
let eslint: ESLint | undefined;

/** The no-restricted-imports messages the project's eslint config gives `code` placed at `filePath` (relative to the repo). */
export async function importErrors(filePath: string, code: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: root, overrideConfigFile: `${root}eslint.config.js` });
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}
