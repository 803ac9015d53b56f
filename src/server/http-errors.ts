import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { ConfigError, InvalidContextError, InvalidInputError, MemoriaError, StorageError } from "../config/errors.js";
import { describeIssues } from "../memory/field-limits.js";
import { AuthError } from "./authenticate.js";

/** A request the routes refuse on purpose (404 for what is missing or another user's, 400 for bad input). */
export class HttpError extends MemoriaError {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a request part with a zod schema, or throws a 400 naming every problem. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, `Invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

const statusOf = (error: unknown): ContentfulStatusCode => {
  if (error instanceof HttpError || error instanceof AuthError) return error.status;
  if (error instanceof InvalidInputError || error instanceof InvalidContextError) return 400;
  if (error instanceof StorageError || error instanceof ConfigError) return 503;
  return 500;
};

/** The JSON error answer of a failed route: `{ error }` with the status its class stands for; unexpected errors say only "Internal error". */
export function errorResponse(c: Context, error: unknown): Response {
  const status = statusOf(error);
  if (status === 401) c.header("www-authenticate", "Bearer");
  const message = error instanceof MemoriaError ? error.message : "Internal error.";
  if (!(error instanceof MemoriaError)) console.error(error);
  return c.json({ error: message }, status);
}
