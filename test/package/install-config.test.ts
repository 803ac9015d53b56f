import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../cli/spawn-chat.js";

const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) && k !== "ONNXRUNTIME_NODE_INSTALL"),
);

describe("a plain npm install needs only the npm registry", () => {
  it("the project's .npmrc tells onnxruntime-node's postinstall to download nothing", () => {
    const value = execFileSync("npm", ["config", "get", "onnxruntime-node-install"], { cwd: repoPath("."), env: npmEnv, encoding: "utf8" });
    expect(value.trim()).toBe("skip");
  });

  it("package.json reviews every install script: onnxruntime-node's is refused, the native builds are allowed", () => {
    const out = execFileSync("npm", ["install-scripts", "ls"], { cwd: repoPath("."), env: npmEnv, encoding: "utf8" });
    expect(out).toContain("No packages with unreviewed install scripts");
    const allow = (JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { allowScripts: Record<string, boolean> }).allowScripts;
    expect(allow["onnxruntime-node"]).toBe(false);
    expect(allow["better-sqlite3"]).toBe(true);
  });

  it(".ci/run sets no environment variables, so CI installs exactly as the README says", () => {
    const script = readFileSync(repoPath(".ci/run"), "utf8");
    expect(script.split("\n").filter((line) => /^\s*export\s/.test(line))).toEqual([]);
  });
});
