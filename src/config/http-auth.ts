import { createHash } from "node:crypto";
import { ConfigError } from "./errors.js";

/** Bearer tokens by the SHA-256 of the token, each mapped to the one user it acts for. */
export type TokenUsers = ReadonlyMap<string, string>;

/** How the HTTP server verifies bearer tokens (MEMORIA_HTTP_TOKENS, MEMORIA_JWT_*); `enabled` is false in local development mode. */
export interface HttpAuthConfig {
  enabled: boolean;
  tokens: TokenUsers;
  jwt?: { secret?: string; publicKey?: string; issuer?: string; audience?: string; userClaim: string };
}

const MIN_TOKEN_LENGTH = 16;

/** The SHA-256 hex digest of a token, the key of TokenUsers. */
export const tokenDigest = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Parses `MEMORIA_HTTP_TOKENS` ("tokenA:alice,tokenB:bob"): each token (16+ characters, no ":" or ",") names one user; empty when unset. */
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
    if (users.has(tokenDigest(token))) throw new ConfigError("MEMORIA_HTTP_TOKENS: a token is listed twice.");
    users.set(tokenDigest(token), userId);
  }
  return users;
}

/** Builds the HTTP auth settings from the raw variables; auth is on as soon as tokens or a JWT key are given. */
export function httpAuthConfig(raw: {
  tokens?: string;
  secret?: string;
  publicKey?: string;
  issuer?: string;
  audience?: string;
  userClaim: string;
}): HttpAuthConfig {
  const tokens = parseTokens(raw.tokens);
  if (raw.secret && raw.publicKey) throw new ConfigError("Set MEMORIA_JWT_SECRET (HS256) or MEMORIA_JWT_PUBLIC_KEY (RS256), not both.");
  if (raw.secret !== undefined && raw.secret.length < 32) throw new ConfigError("MEMORIA_JWT_SECRET needs at least 32 characters.");
  const publicKey = raw.publicKey?.replace(/\\n/g, "\n");
  if (publicKey !== undefined && !publicKey.includes("-----BEGIN PUBLIC KEY-----"))
    throw new ConfigError("MEMORIA_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----, newlines may be written as \\n).");
  const jwt =
    raw.secret || publicKey
      ? { secret: raw.secret, publicKey, issuer: raw.issuer, audience: raw.audience, userClaim: raw.userClaim }
      : undefined;
  return { enabled: tokens.size > 0 || jwt !== undefined, tokens, jwt };
}
