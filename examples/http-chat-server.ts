import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import { createMemoria, InvalidContextError, InvalidInputError, MemoriaError, TIERS, type Memoria, type Tier } from "../src/index.js";
import { parseTokens, userOfRequest, type TokenUsers } from "./http-chat-tokens.js";

/** A chat turn: the user (from the request's bearer token, never from its body) and the JSON body of POST /chat. */
export interface ChatRequest {
  userId: string;
  message: string;
  tier?: Tier;
  threadId?: string;
}

/** The JSON answer of POST /chat. */
export interface ChatResponse {
  reply: string;
  threadId: string;
  tier: Tier;
  memories: string[];
  entities: string[];
}

const MAX_BODY = 64 * 1024;

/** A request that names a user other than its token's: a token acts only for its own user. */
class ForbiddenError extends InvalidInputError {}

async function readJson(req: IncomingMessage): Promise<Partial<ChatRequest>> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw new InvalidInputError("Request body is over 64 KiB.");
  }
  try {
    return JSON.parse(body) as Partial<ChatRequest>;
  } catch {
    throw new InvalidInputError("Request body must be JSON: {message, tier?, threadId?}.");
  }
}

function validate(body: Partial<ChatRequest>, userId: string): ChatRequest {
  if (typeof body !== "object" || body === null || typeof body.message !== "string")
    throw new InvalidInputError("message must be a string.");
  if (body.userId !== undefined && body.userId !== userId) throw new ForbiddenError("This token acts only for its own user.");
  if (body.tier !== undefined && !TIERS.includes(body.tier)) throw new InvalidInputError(`tier must be one of ${TIERS.join(", ")}.`);
  if (body.threadId !== undefined && (typeof body.threadId !== "string" || !body.threadId.trim() || body.threadId.length > 200))
    throw new InvalidInputError("threadId must be a non-empty string of at most 200 characters.");
  return { ...body, userId } as ChatRequest;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** The checkpoint thread of a user's thread: JSON of both, so no (user, thread) pair can spell another's key. */
export const threadKey = (userId: string, threadId: string): string => JSON.stringify([userId, threadId]);

/** One chat turn for one user; threads are namespaced by user so one user can never continue another's thread. */
export async function chatTurn(memoria: Memoria, request: ChatRequest): Promise<ChatResponse> {
  const threadId = request.threadId ?? "default";
  const tier = request.tier ?? "A";
  const state = await memoria.graph.invoke(
    { messages: [{ role: "user", content: request.message }] },
    { configurable: { thread_id: threadKey(request.userId, threadId) }, context: { userId: request.userId, tier } },
  );
  const last = state.messages.at(-1);
  return {
    reply: typeof last?.content === "string" ? last.content : (last?.text ?? ""),
    threadId,
    tier,
    memories: state.memories.map((m) => m.content),
    entities: state.entities.map((e) => e.name),
  };
}

/** A plain Node HTTP server exposing `POST /chat {message, tier?, threadId?}` over a memoria instance; the user comes from the bearer token. */
export function createChatServer({ memoria, tokens }: { memoria: Memoria; tokens: TokenUsers }): Server {
  return createServer((req, res) => {
    if (req.url !== "/chat") return send(res, 404, { error: "Not found. POST /chat {message, tier?, threadId?}" });
    if (req.method !== "POST") return send(res, 405, { error: "Use POST." });
    const userId = userOfRequest(req, tokens);
    if (userId === undefined) {
      res.setHeader("www-authenticate", "Bearer");
      return send(res, 401, { error: "Send Authorization: Bearer <token>, a token of MEMORIA_HTTP_TOKENS." });
    }
    readJson(req)
      .then((body) => chatTurn(memoria, validate(body, userId)))
      .then((answer) => send(res, 200, answer))
      .catch((error: unknown) => {
        const invalid = error instanceof InvalidInputError || error instanceof InvalidContextError;
        const status = error instanceof ForbiddenError ? 403 : invalid ? 400 : 500;
        send(res, status, { error: error instanceof MemoriaError ? error.message : "Internal error." });
        if (status === 500) console.error(error);
      });
  });
}

async function main(): Promise<void> {
  const tokens = parseTokens(process.env.MEMORIA_HTTP_TOKENS);
  const memoria = await createMemoria();
  const server = createChatServer({ memoria, tokens });
  const port = Number(process.env.PORT ?? 3000);
  server.listen(port, () => console.log(`memoria chat server on http://localhost:${port}/chat`));
  const stop = () => server.close(() => void memoria.close().finally(() => process.exit(0)));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof MemoriaError ? error.message : error);
    process.exit(1);
  });
}
