import crypto from "node:crypto";
import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";

// A deployment's own key (PEM with \n escapes, as env files often hold it), set before getEnv() first runs.
const pem = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
process.env.CREDENTIAL_SIGNING_KEY = pem.replace(/\n/g, "\\n");

const { credentialJwks, credentialSigningKey } = await import("#app/learning/credentials/signing-key.server");

describe("CREDENTIAL_SIGNING_KEY", () => {
  it("signs with the configured key and publishes only its public half, under its thumbprint", async () => {
    const key = await credentialSigningKey();
    expect(key.alg).toBe("EdDSA");
    const jwks = await credentialJwks();
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: "OKP", crv: "Ed25519", kid: key.kid, alg: "EdDSA", use: "sig" }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const jwt = await new SignJWT({ hello: "world" })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .sign(key.privateKey);
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks));
    expect(payload.hello).toBe("world");
    // The public key really is the configured key's.
    const publicPem = crypto.createPublicKey(pem).export({ format: "jwk" });
    expect(jwks.keys[0]!.x).toBe(publicPem.x);
  });
});
