import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface ChatBody {
  stream?: boolean;
  messages: { role: string; content: unknown }[];
  tools?: { function: { name: string } }[];
  response_format?: { type: string; json_schema?: { name?: string } };
}

/** A canned OpenAI-compatible chat server on a free loopback port, recording every request body. */
export interface FakeOpenAI {
  baseUrl: string;
  requests: ChatBody[];
  /** Names of the structured outputs (tool calls or JSON schemas) requested, in order. */
  structuredCalls: string[];
  /** While set, every structured call (extraction, reconciliation) gets this HTTP error instead of an answer; replies still work. */
  outage?: { status: number; retryAfter?: string };
  /** When each structured call answered with the outage status was made (ms since the epoch). */
  refusedAt: number[];
  close(): Promise<void>;
}

/** Canned answers: extract_memories returns the fact of every keyword found in the exchange; a keyword mapped to null gets text that is not JSON. */
export interface FakeOpenAIOptions {
  facts?: Record<string, string | null>;
}

const text = (content: unknown): string =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((p: { text?: string }) => p.text ?? "").join("") : "";

const DEFAULT_FACTS = { vegetarian: "User is vegetarian" };

function structured(name: string, prompt: string, facts: Record<string, string | null>): unknown {
  if (name === "extract_memories") {
    const found = Object.entries(facts).filter(([keyword]) => prompt.includes(keyword));
    if (found.some(([, content]) => content === null)) return "{not json";
    const memories = found.map(([, content]) => ({ content, type: "preference", category: "other", importance: 0.9, eventDate: null }));
    return { memories };
  }
  if (name === "reconcile_memory") return { action: "ADD", targetId: null, content: null };
  if (name === "extract_entities") {
    const entities = prompt.includes("Maya") ? [{ name: "Maya", kind: "person", attributes: [{ key: "relation", value: "sister" }] }] : [];
    return { entities };
  }
  return { summary: "The user talked about food." };
}

const structuredName = (body: ChatBody): string | undefined =>
  body.tools?.[0]?.function.name ?? (body.response_format?.type === "json_schema" ? body.response_format.json_schema?.name : undefined);

function completion(
  body: ChatBody,
  n: number,
  facts: Record<string, string | null>,
): { content: string | null; toolName?: string; args?: string } {
  const last = text(body.messages.at(-1)?.content);
  const toolName = structuredName(body);
  if (!toolName) return { content: `Fake reply ${n} to: ${last.slice(0, 40)}` };
  const answer = structured(toolName, last, facts);
  const args = typeof answer === "string" ? answer : JSON.stringify(answer);
  return body.tools ? { content: null, toolName, args } : { content: args };
}

function respond(res: ServerResponse, body: ChatBody, n: number, facts: Record<string, string | null>): void {
  const { content, toolName, args } = completion(body, n, facts);
  const id = `chatcmpl-${randomUUID()}`;
  const base = { id, created: Math.floor(Date.now() / 1000), model: "fake" };
  const toolCalls = toolName ? [{ index: 0, id: `call_${n}`, type: "function", function: { name: toolName, arguments: args } }] : undefined;
  const finish = toolName ? "tool_calls" : "stop";
  if (!body.stream) {
    const message = { role: "assistant", content, ...(toolCalls && { tool_calls: toolCalls.map(({ index: _i, ...c }) => c) }) };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream" });
  const chunk = (delta: object, finish_reason: string | null = null) =>
    res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, finish_reason }] })}\n\n`);
  if (toolCalls) chunk({ role: "assistant", tool_calls: toolCalls });
  else for (const piece of (content ?? "").match(/\S+\s*/g) ?? []) chunk({ role: "assistant", content: piece });
  chunk({}, finish);
  res.end("data: [DONE]\n\n");
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

/** Starts the fake server; chat replies echo the user, and extract_memories / extract_entities return canned JSON. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: ChatBody[] = [];
  const structuredCalls: string[] = [];
  const facts = options.facts ?? DEFAULT_FACTS;
  const server = createServer((req, res) => {
    if (req.method === "GET" && req.url?.endsWith("/models"))
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":"fake"}]}');
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) return void res.writeHead(404).end("{}");
    readBody(req).then(
      (raw) => {
        const body = JSON.parse(raw) as ChatBody;
        requests.push(body);
        const name = structuredName(body);
        if (name) structuredCalls.push(name);
        if (name && fake.outage) {
          fake.refusedAt.push(Date.now());
          const headers = { "content-type": "application/json", ...(fake.outage.retryAfter && { "retry-after": fake.outage.retryAfter }) };
          return void res.writeHead(fake.outage.status, headers).end('{"error":{"message":"model unavailable (fake outage)"}}');
        }
        respond(res, body, requests.length, facts);
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeOpenAI = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    structuredCalls,
    refusedAt: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
