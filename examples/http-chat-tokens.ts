import type { IncomingMessage } from "node:http";
import { ConfigError } from "../src/index.js";
import { parseTokens as parseTokenList, tokenDigest, type TokenUsers } from "../src/config/http-auth.js";

export type { TokenUsers };

/** Parses `MEMORIA_HTTP_TOKENS` ("tokenA:alice,tokenB:bob") with memoria's own parser; the example server needs at least one token. */
export function parseTokens(text: string | undefined): TokenUsers {
  const users = parseTokenList(text);
  if (users.size === 0)
    throw new ConfigError('Set MEMORIA_HTTP_TOKENS="token:userId,..." so each request names its user by a bearer token.');
  return users;
}

/** The user of a request, from its `Authorization: Bearer <token>` header; undefined when the token is missing or unknown. */
export function userOfRequest(req: IncomingMessage, tokens: TokenUsers): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match ? tokens.get(tokenDigest(match[1]!)) : undefined;
}
