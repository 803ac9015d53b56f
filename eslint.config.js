import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
  { files: ["src/config/**", "test/**", "evals/**", "bench/**", "examples/**", "*.config.ts"], rules: { "no-restricted-properties": "off" } },
);
