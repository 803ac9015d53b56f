import { loadConfig } from "../config/env.js";
import { createAuthenticator } from "../server/authenticate.js";
import { createLanggraphAuth } from "../server/langgraph-auth.js";

const { httpAuth } = loadConfig();

/** The auth `langgraphjs dev` loads (langgraph.json `auth.path`): bearer tokens from MEMORIA_HTTP_TOKENS / MEMORIA_JWT_*, off when none is set. */
export const auth = createLanggraphAuth(createAuthenticator(httpAuth), httpAuth.enabled);
