import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

/**
 * A minimal OpenID provider on loopback for integration tests of the relying party: real discovery,
 * JWKS and token endpoint over HTTP, with ID tokens signed by its own RS256 key. `next` lets a test
 * bend one answer (wrong nonce, audience, issuer, expiry) to check that the academy refuses it.
 * The Chromium e2e uses the real oidc-provider instead (tests/e2e/oidc-idp.ts).
 */
export interface StubIdp {
  issuer: string;
  /** Claims of the person "signing in" at the next token request. */
  person: Record<string, unknown>;
  /** Overrides for the next ID token only. */
  next: { nonce?: string; aud?: string; iss?: string; exp?: number; iat?: number; signWithOtherKey?: boolean };
  /** Remembers the authorization request's nonce and PKCE challenge, returns the code to send back. */
  authorize(authUrl: string): string;
  close(): Promise<void>;
}

export async function startStubIdp(clientId: string): Promise<StubIdp> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const other = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "stub-1", alg: "RS256", use: "sig" };
  const codes = new Map<string, { nonce: string; challenge: string }>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp: StubIdp = {
    issuer,
    person: {},
    next: {},
    authorize(authUrl) {
      const u = new URL(authUrl);
      const code = crypto.randomBytes(16).toString("hex");
      codes.set(code, {
        nonce: u.searchParams.get("nonce") ?? "",
        challenge: u.searchParams.get("code_challenge") ?? "",
      });
      return code;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  server.on("request", (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/.well-known/openid-configuration") {
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
      });
    }
    if (req.url === "/jwks") return send(200, { keys: [jwk] });
    if (req.url === "/token" && req.method === "POST") {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", async () => {
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get("code") ?? "");
        codes.delete(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
        if (!grant || challenge !== grant.challenge) return send(400, { error: "invalid_grant" });
        const now = Math.floor(Date.now() / 1000);
        const n = idp.next;
        idp.next = {};
        const idToken = await new SignJWT({ nonce: n.nonce ?? grant.nonce, ...idp.person })
          .setProtectedHeader({ alg: "RS256", kid: "stub-1" })
          .setIssuer(n.iss ?? issuer)
          .setAudience(n.aud ?? clientId)
          .setSubject(String(idp.person.sub ?? "subject-1"))
          .setIssuedAt(n.iat ?? now)
          .setExpirationTime(n.exp ?? now + 300)
          .sign(n.signWithOtherKey ? other.privateKey : privateKey);
        send(200, {
          access_token: crypto.randomBytes(16).toString("hex"),
          token_type: "Bearer",
          expires_in: 300,
          id_token: idToken,
        });
      });
      return;
    }
    send(404, { error: "not_found" });
  });
  return idp;
}
