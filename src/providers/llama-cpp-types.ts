// Local shapes of what memoria passes to node-llama-cpp, so the published .d.ts files never import that optional peer.

/** A JSON schema in the subset node-llama-cpp grammars enforce (its `GbnfJsonSchema`). */
export type GrammarJsonSchema = { readonly [key: string]: unknown };

/** One turn of a node-llama-cpp chat history, as memoria builds it (a subset of its `ChatHistoryItem`). */
export type LlamaHistoryItem = { type: "system"; text: string } | { type: "user"; text: string } | { type: "model"; response: string[] };
