import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ConfigError } from "../src/index.js";

/** Bearer tokens of the example server, by the SHA-256 of the token, each mapped to the one user it acts for. */
export type TokenUsers = ReadonlyMap<string, string>;

const MIN_TOKEN_LENGTH = 16;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");

/** Parses `MEMORIA_HTTP_TOKENS` ("tokenA:alice,tokenB:bob"): each token (16+ characters, no ":" or ",") names one user. */
export function parseTokens(text: string | undefined): TokenUsers {
  const users = new Map<string, string>();
  for (const entry of (text ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(":");
    const token = entry.slice(0, Math.max(colon, 0));
    const userId = entry.slice(colon + 1).trim();
    if (colon < 0 || !userId) throw new ConfigError('MEMORIA_HTTP_TOKENS entries look like "token:userId", comma-separated.');
    if (token.length < MIN_TOKEN_LENGTH)
      throw new ConfigError(`MEMORIA_HTTP_TOKENS: each token needs at least ${MIN_TOKEN_LENGTH} characters.`);
    if (users.has(digest(token))) throw new ConfigError("MEMORIA_HTTP_TOKENS: a token is listed twice.");
    users.set(digest(token), userId);
  }
  if (users.size === 0)
    throw new ConfigError('Set MEMORIA_HTTP_TOKENS="token:userId,..." so each request names its user by a bearer token.');
  return users;
}

/** The user of a request, from its `Authorization: Bearer <token>` header; undefined when the token is missing or unknown. */
export function userOfRequest(req: IncomingMessage, tokens: TokenUsers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match ? tokens.get(digest(match[1]!)) : undefined;
}
