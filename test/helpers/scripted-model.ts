export { lastReplyMessages, lastReplySystemPrompt, scriptedMemoryModel, type ScriptedMemoryRule } from "../../src/testing/scripted-memory-model.js";
