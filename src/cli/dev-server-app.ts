import { loadConfig } from "../config/env.js";
import { sharedMemoria } from "../graph/compiled.js";
import { createAuthenticator } from "../server/authenticate.js";
import { createMemoriaHttpApp } from "../server/http-app.js";

/** The HTTP app `langgraphjs dev` mounts (langgraph.json `http.app`): the inspector at /memoria/ and the memory API at /memoria/v1, over the graph's shared memoria instance. */
export const app = createMemoriaHttpApp({
  memoria: sharedMemoria,
  authenticate: createAuthenticator(loadConfig().httpAuth),
});
