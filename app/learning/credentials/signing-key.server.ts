import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
  type CryptoKey,
} from "jose";
import { getEnv } from "#app/env.server";

export interface CredentialSigningKey {
  alg: "ES256" | "EdDSA" | "RS256";
  kid: string;
  privateKey: CryptoKey | Uint8Array;
  publicJwk: JWK;
}

const DEV_KEY_FILE = "credential-signing-key.jwk.json";
let cached: Promise<CredentialSigningKey> | undefined;

/**
 * The key that signs Open Badges credentials: CREDENTIAL_SIGNING_KEY (PKCS#8 PEM or a private JWK) when
 * set, otherwise an ES256 key generated on first use and kept in DATA_DIR, so credentials issued before a
 * restart still verify. Its public half is published at /.well-known/jwks.json.
 */
export function credentialSigningKey(): Promise<CredentialSigningKey> {
  cached ??= loadKey().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** Tests: forget the loaded key (after changing DATA_DIR or CREDENTIAL_SIGNING_KEY). */
export function resetCredentialSigningKey() {
  cached = undefined;
}

async function loadKey(): Promise<CredentialSigningKey> {
  const env = getEnv();
  const configured = env.CREDENTIAL_SIGNING_KEY?.trim();
  const jwk: JWK = configured
    ? await jwkFromConfig(configured)
    : await devKey(path.resolve(env.DATA_DIR, DEV_KEY_FILE));
  const alg = algFor(jwk);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = jwk;
  const kid = await calculateJwkThumbprint(publicPart);
  return {
    alg,
    kid,
    privateKey: await importJWK({ ...jwk, alg }, alg),
    publicJwk: { ...publicPart, kid, alg, use: "sig" },
  };
}

async function jwkFromConfig(value: string): Promise<JWK> {
  if (value.startsWith("{")) {
    const jwk = JSON.parse(value) as JWK;
    if (!jwk.d) throw new Error("CREDENTIAL_SIGNING_KEY: the JWK has no private part (d)");
    return jwk;
  }
  const key = crypto.createPrivateKey(value.replace(/\\n/g, "\n"));
  const alg = key.asymmetricKeyType === "ed25519" ? "EdDSA" : key.asymmetricKeyType === "rsa" ? "RS256" : "ES256";
  const pkcs8 = key.export({ type: "pkcs8", format: "pem" }).toString();
  return exportJWK(await importPKCS8(pkcs8, alg, { extractable: true }));
}

function algFor(jwk: JWK): CredentialSigningKey["alg"] {
  if (jwk.kty === "EC" && jwk.crv === "P-256") return "ES256";
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return "EdDSA";
  if (jwk.kty === "RSA") return "RS256";
  throw new Error(
    `CREDENTIAL_SIGNING_KEY: use an EC P-256, Ed25519 or RSA key (got ${jwk.kty}${jwk.crv ? ` ${jwk.crv}` : ""})`,
  );
}

async function devKey(file: string): Promise<JWK> {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // wx: two processes starting together keep the first key (the loser reads it back).
  try {
    fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600, flag: "wx" });
    console.warn(
      `[uplift] CREDENTIAL_SIGNING_KEY is not set: generated a credential signing key in ${file}. Set CREDENTIAL_SIGNING_KEY in production and keep it: credentials signed with a lost key no longer verify.`,
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return JSON.parse(fs.readFileSync(file, "utf8")) as JWK;
  }
  return jwk;
}

/** The published key set (GET /.well-known/jwks.json). */
export async function credentialJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await credentialSigningKey()).publicJwk] };
}
