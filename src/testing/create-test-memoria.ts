import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/env.js";
import { createMemoria, type CreateMemoriaOptions, type Memoria } from "../graph/create-memoria.js";
import { HashEmbeddings } from "../providers/hash-embeddings.js";
import { scriptedMemoryModel, type ScriptedMemoryRule } from "./scripted-memory-model.js";

/** Options for an offline memoria instance in tests: scripted model rules, a data directory, and any createMemoria override. */
export interface TestMemoriaOptions extends Omit<CreateMemoriaOptions, "config"> {
  /** Where Chroma and SQLite keep their files; defaults to a new temporary directory. */
  dataDir?: string;
  /** Rules for the default scripted model (ignored when chatModel is given). */
  rules?: ScriptedMemoryRule[];
}

/** A memoria instance for tests: embedded Chroma in a temporary directory, hash embeddings, an in-memory checkpointer, a scripted model. */
export function createTestMemoria(options: TestMemoriaOptions = {}): Promise<Memoria> {
  const { dataDir, rules, ...rest } = options;
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "memoria-test-"));
  const config = loadConfig({ MEMORIA_DATA_DIR: dir, MEMORIA_CHECKPOINTER: "memory", MEMORIA_EMBEDDINGS: "hash" });
  return createMemoria({
    config,
    chatModel: rest.chatModel ?? scriptedMemoryModel(rules ?? []),
    embedder: rest.embedder ?? new HashEmbeddings(),
    ...rest,
  });
}
