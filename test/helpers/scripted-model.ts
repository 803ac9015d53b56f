export {
  lastReplyMessages,
  lastReplySystemPrompt,
  scriptedExtraction,
  scriptedMemoryModel,
  type ScriptedMemoryRule,
} from "../../src/testing/scripted-memory-model.js";
