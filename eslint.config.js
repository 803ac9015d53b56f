import js from "@eslint/js";
import tseslint from "typescript-eslint";

const FLOW =
  "Imports flow one way: cli -> composition root -> server / graph / nodes / memory api -> memory modules -> memory domain types.";
const up = (folders) => `^(\\.\\./)+(${folders.join("|")})/`;
const CHROMA =
  "Only src/memory/records (the system of record) imports chromadb; other layers take its types from records/chroma/chroma-types.ts.";
const layer = (files, patterns, ignores = [], paths = [{ name: "chromadb", message: CHROMA }]) => ({
  files,
  ignores,
  rules: {
    "no-restricted-imports": ["error", { paths, patterns: patterns.map(([regex, what]) => ({ regex, message: `${what} ${FLOW}` })) }],
  },
});
const LAYERS = "src/memory layers import only downward: store -> retrieval -> index -> records (-> filters -> domain files).";
const sibling = (folders, who) => [up(folders), `${who} may not import ${folders.join(", ")}. ${LAYERS}`];
const memoryUp = [up(["graph", "nodes", "cli"]), "src/memory may not import graph, nodes or cli."];
const memoryApi = ["^\\.{1,2}/(\\.\\./)*api/", "Memory modules may not import the memory API (src/memory/api)."];

/** Per-folder import direction; a later rule entry replaces an earlier one, so the first (chromadb only) applies where no other does. */
const importDirection = [
  layer(["src/**/*.ts"], []),
  layer(
    ["src/memory/*.ts"],
    [memoryUp, memoryApi, ["^\\./[^/]+/", "Memory domain types and pure helpers (src/memory/*.ts) may not import memory modules."]],
  ),
  layer(["src/memory/*/**/*.ts"], [memoryUp, memoryApi], ["src/memory/{api,records,index,retrieval,store,filters}/**"]),
  layer(["src/memory/records/**/*.ts"], [memoryUp, memoryApi, sibling(["index", "retrieval", "store"], "src/memory/records")], [], []),
  layer(["src/memory/index/**/*.ts"], [memoryUp, memoryApi, sibling(["retrieval", "store"], "src/memory/index")]),
  layer(["src/memory/retrieval/**/*.ts"], [memoryUp, memoryApi, sibling(["store"], "src/memory/retrieval")]),
  layer(["src/memory/store/**/*.ts"], [memoryUp, memoryApi]),
  layer(
    ["src/memory/filters/**/*.ts"],
    [
      [
        "^\\.\\./\\.\\./(?!config/)|^\\.\\./(?!\\.\\./)[^/]+/",
        "src/memory/filters is a leaf: it imports only the domain files src/memory/*.ts and src/config.",
      ],
    ],
  ),
  layer(["src/memory/api/**/*.ts"], [memoryUp]),
  layer(
    ["src/providers/**/*.ts", "src/config/**/*.ts"],
    [
      [
        up(["graph", "nodes", "memory", "cli"]),
        "src/providers and src/config are leaves: they may not import graph, nodes, memory or cli.",
      ],
    ],
  ),
  layer(
    ["src/nodes/**/*.ts"],
    [
      [up(["cli"]), "src/nodes may not import cli."],
      ["(^|/)graph/(create-memoria|compiled|build-graph)\\.js$", "src/nodes may not import the composition root or the graph builder."],
    ],
  ),
  layer(["src/graph/**/*.ts"], [[up(["cli"]), "src/graph may not import cli."]]),
  layer(
    ["src/server/**/*.ts"],
    [
      [up(["cli"]), "src/server may not import cli."],
      [
        "(^|/)graph/(create-memoria|compiled|build-graph)\\.js$",
        "src/server gets its memoria instance from the composition root (src/cli) as a dependency.",
      ],
    ],
  ),
];

export default tseslint.config(
  { ignores: ["scratch/**", "dist/**", "node_modules/**", ".memoria/**", "evals/results/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through src/config only." }],
    },
  },
  {
    files: ["src/config/**", "test/**", "evals/**", "bench/**", "examples/**", "*.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  ...importDirection,
);
