export { MemoriaRetriever, memoryToDocument, type MemoriaRetrieverInput, type MemoryDocumentMetadata } from "./memoria-retriever.js";
export { createMemoryTools, type MemoryToolsOptions } from "./memory-tools.js";
export {
  createManageMemoryTool,
  MANAGE_ACTIONS,
  manageMemoryArgs,
  type ManageAction,
  type ManageMemoryToolOptions,
} from "./manage-memory-tool.js";
export {
  createMemoryActions,
  ForgetMemoryArgs,
  MEMORY_TOOL_SPECS,
  SaveMemoryArgs,
  SearchMemoryArgs,
  UpdateMemoryArgs,
  type ActionScope,
  type MemoryActionOptions,
  type MemoryActions,
  type MemoryToolsApi,
} from "./memory-actions.js";
export { MemoriaStore, type MemoriaStoreApi, type MemoriaStoreOptions } from "./memoria-store.js";
export { memoriaStoreFor } from "./memoria-store-for.js";
export { createMemoriaMcpServer, type MemoriaMcpServerOptions } from "./mcp-server.js";
export { userIdFromRunConfig } from "./run-user.js";
export * from "./nodes.js";
export { pinStore } from "./pin-store.js";
