import { APIConnectionError, BadRequestError, InternalServerError, RateLimitError } from "openai";
import { describe, expect, it } from "vitest";
import { ModelTimeoutError, ModelUnavailableError } from "../../src/config/errors.js";
import { asModelUnavailable, MAX_RETRY_AFTER_MS, retryAfterMs } from "../../src/providers/model-unavailable.js";

describe("model failures are classified in one place", () => {
  it("429, 5xx, connection errors and timeouts are transient and carry the Retry-After; a 400 or a parse error is not", () => {
    const limited = asModelUnavailable(new RateLimitError(429, {}, "slow down", new Headers({ "retry-after": "3" })), "x");
    expect(limited).toBeInstanceOf(ModelUnavailableError);
    expect(limited!.retryAfterMs).toBe(3_000);
    const down = asModelUnavailable(new InternalServerError(503, {}, "down", new Headers({ "retry-after-ms": "250" })), "x");
    expect(down!.retryAfterMs).toBe(250);
    expect(asModelUnavailable(new APIConnectionError({ cause: new Error("ECONNREFUSED") }), "x")).toBeInstanceOf(ModelUnavailableError);
    expect(asModelUnavailable(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "x")).toBeInstanceOf(
      ModelUnavailableError,
    );
    expect(asModelUnavailable(new Error("wrapped", { cause: { status: 502 } }), "x")).toBeInstanceOf(ModelUnavailableError);
    expect(asModelUnavailable(new ModelTimeoutError("late"), "x")).toBeInstanceOf(ModelTimeoutError);
    expect(asModelUnavailable(new BadRequestError(400, {}, "bad", new Headers()), "x")).toBeUndefined();
    expect(asModelUnavailable(new SyntaxError("Unexpected token"), "x")).toBeUndefined();
  });

  it("reads Retry-After as seconds or an HTTP date, and caps it", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5_000);
    expect(retryAfterMs(new Headers({ "retry-after": "86400" }))).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
