import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelTimeoutError } from "../../src/config/errors.js";
import { createChatModel } from "../../src/providers/create-chat-model.js";
import { withModelTimeout } from "../../src/providers/model-timeout.js";

let server: Server;
let baseUrl: string;
const requests: { url?: string; closed: Promise<void> }[] = [];

/** An OpenAI-compatible endpoint that accepts each request and never answers. */
beforeAll(async () => {
  server = createServer((req: IncomingMessage) => {
    req.resume();
    requests.push({ url: req.url, closed: new Promise((resolve) => req.socket.once("close", () => resolve())) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("one model deadline, passed to the model as its abort signal", () => {
  it("a hung OpenAI-compatible server fails the call with ModelTimeoutError in time, and the request is abandoned", async () => {
    const raw = await createChatModel("openai:hung", { openaiBaseUrl: baseUrl });
    expect((raw as unknown as { timeout?: number }).timeout).toBeUndefined();
    const model = withModelTimeout(raw, 2_000);
    const started = Date.now();
    const error = await model.invoke("hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelTimeoutError);
    expect((error as Error).message).toMatch(/did not answer within 2000 ms \(MEMORIA_MODEL_TIMEOUT_MS\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(requests.map((r) => r.url)).toEqual(["/v1/chat/completions"]);
    const settled = await Promise.race([
      requests[0]!.closed.then(() => "closed"),
      new Promise((resolve) => setTimeout(() => resolve("still open"), 5_000)),
    ]);
    expect(settled).toBe("closed");
  });

  it("a model wrapped twice runs under one deadline", async () => {
    const model = withModelTimeout(await createChatModel("openai:hung", { openaiBaseUrl: baseUrl }), 300);
    expect(withModelTimeout(model, 5_000)).toBe(model);
  });
});
