import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "#app/env.server";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("parseEnv", () => {
  it("accepts DATABASE_PREPARE true/false and defaults it to true", () => {
    expect(parseEnv(env({})).DATABASE_PREPARE).toBe("true");
    expect(parseEnv(env({ DATABASE_PREPARE: "false" })).DATABASE_PREPARE).toBe("false");
  });

  it("names each invalid variable on its own line", () => {
    expect(() => parseEnv(env({ DATABASE_PREPARE: "no", PORT: "0" }))).toThrow(/DATABASE_PREPARE: .*\n.*PORT: /s);
  });

  it("checks CREDENTIAL_SIGNING_KEY at start: a P-256, Ed25519 or RSA private key as PEM or JWK", () => {
    const pem = (type: "ec" | "ed25519", opts: { namedCurve?: string } = {}) =>
      (type === "ec"
        ? crypto.generateKeyPairSync("ec", { namedCurve: opts.namedCurve ?? "P-256" })
        : crypto.generateKeyPairSync("ed25519")
      ).privateKey
        .export({ type: "pkcs8", format: "pem" })
        .toString();
    expect(
      parseEnv(env({ CREDENTIAL_SIGNING_KEY: pem("ec", { namedCurve: "P-256" }) })).CREDENTIAL_SIGNING_KEY,
    ).toContain("BEGIN PRIVATE KEY");
    expect(() => parseEnv(env({ CREDENTIAL_SIGNING_KEY: pem("ed25519").replace(/\n/g, "\\n") }))).not.toThrow();
    const jwk = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
    expect(() => parseEnv(env({ CREDENTIAL_SIGNING_KEY: JSON.stringify(jwk) }))).not.toThrow();
    expect(() => parseEnv(env({ CREDENTIAL_SIGNING_KEY: JSON.stringify({ ...jwk, d: undefined }) }))).toThrow(
      /CREDENTIAL_SIGNING_KEY: the JWK has no private part/,
    );
    expect(() => parseEnv(env({ CREDENTIAL_SIGNING_KEY: pem("ec", { namedCurve: "secp384r1" }) }))).toThrow(
      /CREDENTIAL_SIGNING_KEY: EC keys must use the P-256 curve/,
    );
    expect(() => parseEnv(env({ CREDENTIAL_SIGNING_KEY: "not a key" }))).toThrow(
      /CREDENTIAL_SIGNING_KEY: is not a private key/,
    );
  });

  it("checks EMBED_ALLOWED_ORIGINS at start", () => {
    expect(parseEnv(env({ EMBED_ALLOWED_ORIGINS: "https://app.example.com" })).EMBED_ALLOWED_ORIGINS).toEqual([
      "https://app.example.com",
    ]);
    expect(() => parseEnv(env({ EMBED_ALLOWED_ORIGINS: "https://app.example.com/dashboard" }))).toThrow(
      /EMBED_ALLOWED_ORIGINS: .*origin only/,
    );
  });
});
