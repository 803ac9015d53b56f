export {
  ScriptedChatModel,
  type PromptLog,
  type ScriptedChatModelOptions,
  type ScriptedReply,
  type ScriptedStructured,
} from "./providers/scripted-chat-model.js";
export { HashEmbeddings } from "./providers/hash-embeddings.js";
export { lastReplyMessages, lastReplySystemPrompt, scriptedMemoryModel, type ScriptedMemoryRule } from "./testing/scripted-memory-model.js";
export { createTestMemoria, type TestMemoriaOptions } from "./testing/create-test-memoria.js";
