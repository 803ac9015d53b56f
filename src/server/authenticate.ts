import { importSPKI, jwtVerify, type CryptoKey, type JWTVerifyOptions } from "jose";
import type { HttpAuthConfig } from "../config/http-auth.js";
import { tokenDigest } from "../config/http-auth.js";
import { MemoriaError } from "../config/errors.js";
import { UserIdSchema } from "../memory/user-id.js";

/** A request carries no usable credentials (401) or acts for someone it may not (403); the message says which. */
export class AuthError extends MemoriaError {
  constructor(
    readonly status: 401 | 403,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Resolves the memoria user of a request from its Authorization header; undefined in local development mode (auth off). */
export type Authenticate = (authorization: string | undefined | null) => Promise<string | undefined>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The 401 a request without credentials gets, naming the settings that issue them. */
export const missingToken = () =>
  new AuthError(
    401,
    "Send Authorization: Bearer <token> (a token of MEMORIA_HTTP_TOKENS, or a JWT signed with MEMORIA_JWT_SECRET / _PUBLIC_KEY).",
  );

/** Creates the bearer-token check: static tokens first (constant-size digest lookup), then HS256/RS256 JWTs whose user claim is the memoria userId. */
export function createAuthenticator(config: HttpAuthConfig): Authenticate {
  let key: Promise<Uint8Array | CryptoKey> | undefined;
  const jwt = config.jwt;
  const verifyKey = () =>
    (key ??= jwt?.secret ? Promise.resolve(new TextEncoder().encode(jwt.secret)) : importSPKI(jwt!.publicKey!, "RS256"));
  const options: JWTVerifyOptions = {
    algorithms: [jwt?.secret ? "HS256" : "RS256"],
    issuer: jwt?.issuer,
    audience: jwt?.audience,
  };
  return async (authorization) => {
    if (!config.enabled) return undefined;
    const token = BEARER.exec(authorization ?? "")?.[1];
    if (!token) throw missingToken();
    const fromList = config.tokens.get(tokenDigest(token));
    if (fromList !== undefined) return fromList;
    if (!jwt || token.split(".").length !== 3) throw new AuthError(401, "Unknown bearer token.");
    let claims: Record<string, unknown>;
    try {
      claims = (await jwtVerify(token, await verifyKey(), options)).payload;
    } catch (error) {
      throw new AuthError(401, `Invalid token: ${(error as Error).message}`, { cause: error });
    }
    const user = UserIdSchema.safeParse(claims[jwt.userClaim]);
    if (!user.success) throw new AuthError(401, `The token's "${jwt.userClaim}" claim is not a valid userId.`);
    return user.data;
  };
}
