import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const memory = join(root, "src/memory");

type Graph = Map<string, string[]>;

/** Every relative import (type-only ones included) of each .ts file under a folder, as repo-relative paths. */
function importGraph(folder: string): Graph {
  const files = readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(folder, f));
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)\.js"/g)]
      .map((m) => resolve(dirname(file), `${m[1]}.ts`))
      .filter((t) => t.startsWith(folder));
    graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))]);
  }
  return graph;
}

/** One import circle of the graph as the list of files around it, or undefined when there is none (recursive DFS, three colours). */
function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === "done") return undefined;
    if (state.get(node) === "open") return [...path.slice(path.indexOf(node)), node];
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("src/memory import graph", () => {
  it("finds a circle when there is one, and none in a chain", () => {
    const circle: Graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(findCycle(circle)).toEqual(["a", "b", "c", "a"]);
    expect(
      findCycle(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", []],
          ["d", ["a", "c"]],
        ]),
      ),
    ).toBeUndefined();
  });

  it("has no import circle", () => {
    const graph = importGraph(memory);
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("src/memory/index/index-cache.ts")).toContain("src/memory/index/snapshot/snapshot-of.ts");
    expect(findCycle(graph)).toBeUndefined();
  });
});
