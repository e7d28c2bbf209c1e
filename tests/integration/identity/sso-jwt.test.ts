import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ssoJtis, users } from "#db/schema/index";
import { loader as ssoLoader } from "#app/routes/sso.jwt";
import { getSessionUser } from "#app/auth/session.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, run } from "../../support/requests";

const SECRET = "product-shared-secret-0123456789abcdef-xyz";
let jwksServer: http.Server;
let rsaPrivate: CryptoKey;

async function hsToken(claims: Record<string, unknown>, opts: { exp?: number; iat?: number; secret?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 120)
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

async function signInWith(token: string, redirectTo?: string) {
  const qs = new URLSearchParams({ token, ...(redirectTo ? { redirectTo } : {}) });
  return run(() => ssoLoader({ request: get(`/sso/jwt?${qs}`), params: {}, context: {} }));
}

describe("sign-in from the product (JWT)", () => {
  const handle = useTestDatabase();
  let account: Awaited<ReturnType<typeof createAccount>>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    rsaPrivate = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwksServer = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, "127.0.0.1", r));
    process.env.SSO_JWT_SECRET = SECRET;
    process.env.SSO_JWT_JWKS_URL = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    process.env.SSO_JWT_ACCOUNT_CLAIM = "account";
    account = await createAccount(handle.db, { externalId: "PROD-ACME", name: "Product Acme" });
  });
  afterAll(async () => {
    jwksServer.close();
  });

  it("a valid token creates the learner in the named account, signs them in and redirects", async () => {
    const token = await hsToken({ email: "New.Person@Acme.example", name: "New Person", account: "PROD-ACME" });
    const res = await signInWith(token, "/courses/getting-started");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/courses/getting-started");
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
    const user = await getSessionUser(get("/", cookie));
    expect(user).toMatchObject({
      email: "new.person@acme.example",
      name: "New Person",
      role: "learner",
      accountId: account.id,
      isAccountAdmin: false,
    });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, user!.id));
    expect(audit.map((a) => a.action)).toContain("user.provisioned_from_product");
  });

  it("a replayed token is refused and creates nothing more", async () => {
    const token = await hsToken({ email: "replay@acme.example", account: "PROD-ACME" });
    expect((await signInWith(token)).status).toBe(302);
    const again = await signInWith(token);
    expect(again.status).toBe(401);
    expect(JSON.stringify(await again.json())).toContain("already used");
  });

  it("an existing learner is updated (name, account-admin role), not duplicated", async () => {
    const existing = await createUser(handle.db, { accountId: account.id, email: "known@acme.example" });
    const res = await signInWith(
      await hsToken({
        email: "known@acme.example",
        name: "Known Renamed",
        role: "account_admin",
        account: "PROD-ACME",
      }),
    );
    expect(res.status).toBe(302);
    const rows = await handle.db.select().from(users).where(eq(users.email, "known@acme.example"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: existing.id, name: "Known Renamed", isAccountAdmin: true });
  });

  it("RS256 tokens verify against the JWKS URL", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ email: "rsa@acme.example", account: "PROD-ACME", jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(rsaPrivate);
    expect((await signInWith(token)).status).toBe(302);
  });

  it.each([
    [
      "wrong secret",
      () =>
        hsToken(
          { email: "x1@acme.example", account: "PROD-ACME" },
          { secret: "another-secret-another-secret-another" },
        ),
      401,
    ],
    [
      "expired",
      () =>
        hsToken(
          { email: "x2@acme.example", account: "PROD-ACME" },
          { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 },
        ),
      401,
    ],
    [
      "lives longer than 5 minutes",
      () => hsToken({ email: "x3@acme.example", account: "PROD-ACME" }, { exp: Math.floor(Date.now() / 1000) + 3600 }),
      401,
    ],
    [
      "issued in the future",
      () =>
        hsToken(
          { email: "x4@acme.example", account: "PROD-ACME" },
          { iat: Math.floor(Date.now() / 1000) + 600, exp: Math.floor(Date.now() / 1000) + 700 },
        ),
      401,
    ],
    ["unknown account", () => hsToken({ email: "x5@acme.example", account: "NOPE" }), 404],
    ["no account claim", () => hsToken({ email: "x6@acme.example" }), 400],
    ["staff role claim", () => hsToken({ email: "x7@acme.example", account: "PROD-ACME", role: "admin" }), 400],
    ["not an email", () => hsToken({ email: "not-an-email", account: "PROD-ACME" }), 400],
  ])("%s: refused with a clear page, nothing created", async (_label, make, status) => {
    const before = (await handle.db.select().from(users)).length;
    const jtisBefore = (await handle.db.select().from(ssoJtis)).length;
    const res = await signInWith(await make());
    expect(res.status).toBe(status);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(10);
    expect((await handle.db.select().from(users)).length).toBe(before);
    expect((await handle.db.select().from(ssoJtis)).length).toBe(jtisBefore);
  });

  it("staff and deactivated people cannot sign in from the product", async () => {
    await createUser(handle.db, { role: "admin", email: "boss@acme.example" });
    expect((await signInWith(await hsToken({ email: "boss@acme.example", account: "PROD-ACME" }))).status).toBe(403);
    const gone = await createUser(handle.db, { accountId: account.id, email: "gone@acme.example" });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, gone.id));
    expect((await signInWith(await hsToken({ email: "gone@acme.example", account: "PROD-ACME" }))).status).toBe(403);
  });

  it("an open redirect target falls back to the home page", async () => {
    const res = await signInWith(
      await hsToken({ email: "redir@acme.example", account: "PROD-ACME" }),
      "//evil.example/x",
    );
    expect(res.headers.get("Location")).toBe("/");
  });

  it("arbitrary claim shapes never sign anyone in unless they are a valid learner claim set (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            email: fc.oneof(fc.emailAddress(), fc.string(), fc.integer(), fc.constant(null)),
            account: fc.oneof(fc.constant("PROD-ACME"), fc.string(), fc.integer(), fc.constant(undefined)),
            role: fc.oneof(
              fc.constant(undefined),
              fc.constantFrom("learner", "account_admin", "admin", "cs_leader"),
              fc.string(),
            ),
            name: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 300 })),
          },
          { requiredKeys: [] },
        ),
        async (claims) => {
          const res = await signInWith(await hsToken(claims as Record<string, unknown>));
          const emailOk =
            typeof claims.email === "string" &&
            /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(claims.email) &&
            claims.email.length <= 254;
          if (res.status === 302) {
            expect(claims.account).toBe("PROD-ACME");
            expect(emailOk).toBe(true);
            expect(claims.role === undefined || claims.role === "learner" || claims.role === "account_admin").toBe(
              true,
            );
          } else {
            expect([400, 401, 403, 404]).toContain(res.status);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
