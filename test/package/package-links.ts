import { posix } from "node:path";

const FENCED = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
const LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The relative link targets of a markdown text (outside fenced code; URLs and in-page anchors left out), without their #anchor. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.replace(FENCED, "").matchAll(LINK)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith("#") && !t.startsWith("/")).map((t) => t.split("#")[0]!);
}

/** Every relative link of the given package markdown files that names no file of the package, as "file -> target". */
export function deadLinks(markdownFiles: string[], read: (path: string) => string, exists: (path: string) => boolean): string[] {
  const dead: string[] = [];
  for (const file of markdownFiles) {
    for (const target of relativeLinks(read(file))) {
      const resolved = posix.normalize(posix.join(posix.dirname(file), decodeURI(target)));
      if (resolved.startsWith("../") || !exists(resolved)) dead.push(`${file} -> ${target}`);
    }
  }
  return dead;
}

/** The markdown files of a package file list whose links a reader of the installed package follows. */
export function packageMarkdown(files: string[]): string[] {
  return files.filter((f) => f === "README.md" || (f.startsWith("docs/") && f.endsWith(".md")));
}
