import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../cli/spawn-chat.js";
import { deadLinks, packageMarkdown, relativeLinks } from "./package-links.js";

function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repoPath("."), encoding: "utf8" });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

describe("links in the published package", () => {
  it("finds relative links and images outside code blocks, leaving out URLs and anchors", () => {
    const markdown = [
      "See [the API](docs/memory-api.md#search), ![chart](evals/chart.svg) and [site](https://example.com).",
      "[top](#usage) [mail](mailto:a@b.c) [up](../x.md)",
      "```ts",
      "const a = [x](y);",
      "```",
    ].join("\n");
    expect(relativeLinks(markdown)).toEqual(["docs/memory-api.md", "evals/chart.svg", "../x.md"]);
    const files = new Set(["README.md", "docs/a.md", "docs/b.md"]);
    const texts: Record<string, string> = { "README.md": "[a](docs/a.md) [gone](docs/c.md) [up](../x.md)", "docs/a.md": "[b](b.md)" };
    expect(
      deadLinks(
        ["README.md", "docs/a.md"],
        (f) => texts[f]!,
        (f) => files.has(f),
      ),
    ).toEqual(["README.md -> docs/c.md", "README.md -> ../x.md"]);
  });

  it("every relative link in the packed README and docs names a file the package ships", () => {
    const files = packedFiles();
    const markdown = packageMarkdown(files);
    expect(markdown).toContain("README.md");
    const shipped = new Set(files);
    expect(
      deadLinks(
        markdown,
        (f) => readFileSync(repoPath(f), "utf8"),
        (f) => shipped.has(f),
      ),
    ).toEqual([]);
  });
});
