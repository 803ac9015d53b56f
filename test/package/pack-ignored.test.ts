import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../cli/spawn-chat.js";

describe("npm pack in a clone", () => {
  it("writes a tarball git ignores, so the README's `npm pack` leaves `git status` clean", () => {
    const { name, version } = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { name: string; version: string };
    const tarball = `${name}-${version}.tgz`;
    const ignored = execFileSync("git", ["check-ignore", "--no-index", "-v", tarball], { cwd: repoPath("."), encoding: "utf8" });
    expect(ignored).toContain(tarball);
  });
});
