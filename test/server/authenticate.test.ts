import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { ConfigError } from "../../src/config/errors.js";
import { createAuthenticator } from "../../src/server/authenticate.js";

describe("bearer authentication from MEMORIA_HTTP_TOKENS and MEMORIA_JWT_*", () => {
  it("is off without settings, and refuses short tokens, two JWT keys and a non-PEM key at config load", () => {
    expect(loadConfig({}).httpAuth.enabled).toBe(false);
    expect(() => loadConfig({ MEMORIA_HTTP_TOKENS: "short:alice" })).toThrow(ConfigError);
    expect(() => loadConfig({ MEMORIA_JWT_SECRET: "x".repeat(32), MEMORIA_JWT_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----" })).toThrow(
      /not both/,
    );
    expect(() => loadConfig({ MEMORIA_JWT_SECRET: "too-short" })).toThrow(/32 characters/);
    expect(() => loadConfig({ MEMORIA_JWT_PUBLIC_KEY: "ssh-rsa AAAA" })).toThrow(/PEM/);
  });

  it("verifies RS256 JWTs with the public key, issuer and audience, and reads the user from the configured claim", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const pem = (await exportSPKI(publicKey)).replace(/\n/g, "\\n");
    const config = loadConfig({
      MEMORIA_JWT_PUBLIC_KEY: pem,
      MEMORIA_JWT_ISSUER: "https://id.example",
      MEMORIA_JWT_AUDIENCE: "memoria",
      MEMORIA_JWT_USER_CLAIM: "uid",
    });
    const authenticate = createAuthenticator(config.httpAuth);
    const sign = (claims: Record<string, unknown>, issuer = "https://id.example") =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256" })
        .setIssuer(issuer)
        .setAudience("memoria")
        .setExpirationTime("5m")
        .sign(privateKey);
    expect(await authenticate(`Bearer ${await sign({ uid: "dana" })}`)).toBe("dana");
    await expect(authenticate(`Bearer ${await sign({ uid: "dana" }, "https://evil.example")}`)).rejects.toMatchObject({ status: 401 });
    await expect(authenticate(`Bearer ${await sign({ sub: "dana" })}`)).rejects.toThrow(/"uid" claim/);
    const hs = await new SignJWT({ uid: "dana" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(32)));
    await expect(authenticate(`Bearer ${hs}`)).rejects.toMatchObject({ status: 401 });
    await expect(authenticate(undefined)).rejects.toMatchObject({ status: 401 });
  });
});
