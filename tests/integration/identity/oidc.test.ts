import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, oidcFlows, users } from "#db/schema/index";
import { loader as loginLoader } from "#app/routes/auth.oidc.$provider.login";
import { loader as callbackLoader } from "#app/routes/auth.oidc.$provider.callback";
import { getSessionUser } from "#app/auth/session.server";
import { parseEnv } from "#app/env.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, run } from "../../support/requests";
import { startStubIdp, type StubIdp } from "../../support/oidc-stub-idp";

const CLIENT_ID = "academy-client";
let idp: StubIdp;

/** Starts a sign-in like the "Sign in with …" button: returns the IdP's authorize URL and the flow cookie. */
async function start(provider: string, redirectTo?: string) {
  const qs = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
  const res = await run(() =>
    loginLoader({ request: get(`/auth/oidc/${provider}/login${qs}`), params: { provider }, context: {} }),
  );
  expect(res.status).toBe(302);
  return { authUrl: res.headers.get("Location")!, cookie: res.headers.get("Set-Cookie")!.split(";")[0]! };
}

async function callback(provider: string, query: Record<string, string>, cookie?: string) {
  return run(() =>
    callbackLoader({
      request: get(`/auth/oidc/${provider}/callback?${new URLSearchParams(query)}`, cookie),
      params: { provider },
      context: {},
    }),
  );
}

/** The whole round trip: start, "sign in" at the IdP, come back with code and state. */
async function signIn(provider: string, person: Record<string, unknown>, redirectTo?: string) {
  const { authUrl, cookie } = await start(provider, redirectTo);
  idp.person = person;
  const state = new URL(authUrl).searchParams.get("state")!;
  return { res: await callback(provider, { code: idp.authorize(authUrl), state }, cookie), cookie, state, authUrl };
}

async function sessionOf(res: Response) {
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("uplift_session="))!
    .split(";")[0]!;
  return getSessionUser(get("/", session));
}

describe("OIDC sign-in (authorization code + PKCE, state, nonce)", () => {
  const handle = useTestDatabase();
  let acme: Awaited<ReturnType<typeof createAccount>>;
  let corp: Awaited<ReturnType<typeof createAccount>>;
  beforeAll(async () => {
    idp = await startStubIdp(CLIENT_ID);
    process.env.OIDC_PROVIDERS = JSON.stringify([
      { id: "stub", label: "Stub IdP", issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: "stub-secret" },
      {
        id: "corp",
        label: "Corp Okta",
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: "stub-secret",
        accountClaim: "org",
        allowedAccounts: ["OIDC-CORP"],
        allowStaff: true,
      },
    ]);
    acme = await createAccount(handle.db, { externalId: "OIDC-ACME", emailDomains: ["oidc-acme.example"] });
    corp = await createAccount(handle.db, { externalId: "OIDC-CORP", emailDomains: ["corp.example"] });
    await createAccount(handle.db, { externalId: "OIDC-OTHER", emailDomains: ["other.example"] });
  });
  afterAll(async () => {
    await idp?.close();
  });

  it("sends the browser to the IdP with PKCE (S256), state and nonce, and stores the flow", async () => {
    const { authUrl, cookie } = await start("stub", "/courses/getting-started");
    const u = new URL(authUrl);
    expect(u.origin + u.pathname).toBe(`${idp.issuer}/auth`);
    expect(u.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(u.searchParams.get("redirect_uri")).toBe("http://localhost/auth/oidc/stub/callback");
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    for (const p of ["state", "nonce", "code_challenge"])
      expect(u.searchParams.get(p)?.length).toBeGreaterThanOrEqual(32);
    expect(cookie).toMatch(/^uplift_oidc_stub=/);
  });

  it("a verified ID token creates the learner in the account of their email domain and honours redirectTo", async () => {
    const { res } = await signIn(
      "stub",
      { sub: "u-1", email: "Ada@OIDC-Acme.example", email_verified: true, name: "Ada Lovelace" },
      "/courses/getting-started",
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/courses/getting-started");
    const user = await sessionOf(res);
    expect(user).toMatchObject({
      email: "ada@oidc-acme.example",
      name: "Ada Lovelace",
      role: "learner",
      accountId: acme.id,
    });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, user!.id));
    expect(audit.map((a) => a.action)).toContain("user.provisioned_with_oidc");
  });

  it("an unsafe redirectTo falls back to /", async () => {
    const { res } = await signIn("stub", { sub: "u-2", email: "bob@oidc-acme.example" }, "https://evil.example/");
    expect(res.headers.get("Location")).toBe("/");
  });

  it("the callback is single use: replaying the same state is refused", async () => {
    const { res, cookie, state, authUrl } = await signIn("stub", { sub: "u-3", email: "cy@oidc-acme.example" });
    expect(res.status).toBe(302);
    const again = await callback("stub", { code: idp.authorize(authUrl), state }, cookie);
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toContain("already used");
  });

  it("a wrong state (not this browser's) is refused and nothing is created", async () => {
    const { authUrl, cookie } = await start("stub");
    idp.person = { sub: "u-4", email: "wrong-state@oidc-acme.example" };
    const res = await callback("stub", { code: idp.authorize(authUrl), state: "x".repeat(43) }, cookie);
    expect(res.status).toBe(400);
    const missingCookie = await callback("stub", {
      code: idp.authorize(authUrl),
      state: new URL(authUrl).searchParams.get("state")!,
    });
    expect(missingCookie.status).toBe(400);
    expect(await handle.db.select().from(users).where(eq(users.email, "wrong-state@oidc-acme.example"))).toHaveLength(
      0,
    );
  });

  const refusals: [string, StubIdp["next"] | (() => StubIdp["next"])][] = [
    ["a wrong nonce", { nonce: "not-the-nonce-we-sent-0123456789" }],
    ["a wrong audience", { aud: "some-other-client" }],
    ["a wrong issuer", { iss: "https://impostor.example" }],
    [
      "an expired ID token",
      () => ({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 }),
    ],
    ["an ID token signed by another key", { signWithOtherKey: true }],
  ];
  for (const [what, next] of refusals) {
    it(`${what} is refused (401) and creates nothing`, async () => {
      const email = `refused-${what.replace(/\W+/g, "-")}@oidc-acme.example`;
      const { authUrl, cookie } = await start("stub");
      idp.person = { sub: email, email };
      idp.next = typeof next === "function" ? next() : next;
      const res = await callback(
        "stub",
        { code: idp.authorize(authUrl), state: new URL(authUrl).searchParams.get("state")! },
        cookie,
      );
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("uplift_session="))).toBe(false);
      expect(await handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });
  }

  it("an error from the IdP is shown, and the flow cannot be reused", async () => {
    const { cookie, authUrl } = await start("stub");
    const res = await callback(
      "stub",
      {
        error: "access_denied",
        error_description: "User cancelled",
        state: new URL(authUrl).searchParams.get("state")!,
      },
      cookie,
    );
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).toContain("access_denied");
  });

  it("an unverified email is refused", async () => {
    const { res } = await signIn("stub", { sub: "u-5", email: "unverified@oidc-acme.example", email_verified: false });
    expect(res.status).toBe(403);
    expect(await handle.db.select().from(users).where(eq(users.email, "unverified@oidc-acme.example"))).toHaveLength(0);
  });

  it("an email domain no account uses is refused with a clear error", async () => {
    const { res } = await signIn("stub", { sub: "u-6", email: "x@nowhere.example" });
    expect(res.status).toBe(404);
    expect(JSON.stringify(await res.json())).toContain("nowhere.example");
  });

  it("with an account claim, the claim names the account; the IdP is restricted to its accounts", async () => {
    const ok = await signIn("corp", { sub: "c-1", email: "dee@anything.example", org: "OIDC-CORP" });
    expect(ok.res.status).toBe(302);
    expect(await sessionOf(ok.res)).toMatchObject({ email: "dee@anything.example", accountId: corp.id });
    const other = await signIn("corp", { sub: "c-2", email: "eve@other.example", org: "OIDC-OTHER" });
    expect(other.res.status).toBe(403);
    const unknown = await signIn("corp", { sub: "c-3", email: "fay@anything.example", org: "NOPE" });
    expect(unknown.res.status).toBe(404);
    const missing = await signIn("corp", { sub: "c-4", email: "gus@anything.example" });
    expect(missing.res.status).toBe(400);
    expect(await handle.db.select().from(users).where(eq(users.email, "eve@other.example"))).toHaveLength(0);
  });

  it("existing staff sign in only through a provider that allows staff; staff are never created", async () => {
    const admin = await createUser(handle.db, { role: "admin", email: "boss@oidc-acme.example" });
    const refused = await signIn("stub", { sub: "s-1", email: "boss@oidc-acme.example" });
    expect(refused.res.status).toBe(403);
    const allowed = await signIn("corp", { sub: "s-1", email: "boss@oidc-acme.example" });
    expect(allowed.res.status).toBe(302);
    expect(await sessionOf(allowed.res)).toMatchObject({ id: admin.id, role: "admin", accountId: null });
    // A new person is always a learner, whatever the IdP says about roles.
    const fresh = await signIn("corp", { sub: "s-2", email: "newbie@corp.example", org: "OIDC-CORP", role: "admin" });
    expect(await sessionOf(fresh.res)).toMatchObject({ role: "learner" });
  });

  it("a deactivated person is refused; an existing learner of another account is not moved", async () => {
    const gone = await createUser(handle.db, { accountId: acme.id, email: "gone@oidc-acme.example" });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, gone.id));
    expect((await signIn("stub", { sub: "d-1", email: "gone@oidc-acme.example" })).res.status).toBe(403);
    await createUser(handle.db, { accountId: corp.id, email: "mover@oidc-acme.example" });
    expect((await signIn("stub", { sub: "d-2", email: "mover@oidc-acme.example" })).res.status).toBe(403);
  });

  it("an unknown provider is a 404", async () => {
    const res = await run(() =>
      loginLoader({ request: get("/auth/oidc/nope/login"), params: { provider: "nope" }, context: {} }),
    );
    expect(res.status).toBe(404);
  });

  it("flows are stored server-side and removed when used", async () => {
    const before = (await handle.db.select().from(oidcFlows)).length;
    const { res } = await signIn("stub", { sub: "f-1", email: "flow@oidc-acme.example" });
    expect(res.status).toBe(302);
    expect((await handle.db.select().from(oidcFlows)).length).toBe(before);
  });
});

describe("OIDC_PROVIDERS validation", () => {
  it("fails at start with a message naming the bad field", () => {
    expect(() => parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: "not json" })).toThrow(
      /OIDC_PROVIDERS: must be a JSON array/,
    );
    expect(() =>
      parseEnv({
        NODE_ENV: "test",
        OIDC_PROVIDERS: JSON.stringify([{ id: "Bad Id", label: "X", issuer: "https://x.example", clientId: "c" }]),
      }),
    ).toThrow(/OIDC_PROVIDERS: \[0\.id\]/);
    expect(() =>
      parseEnv({
        NODE_ENV: "test",
        OIDC_PROVIDERS: JSON.stringify([{ id: "a", label: "A", issuer: "not a url", clientId: "c" }]),
      }),
    ).toThrow(/issuer/);
    const twice = { id: "a", label: "A", issuer: "https://x.example", clientId: "c" };
    expect(() => parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: JSON.stringify([twice, twice]) })).toThrow(/used twice/);
    expect(parseEnv({ NODE_ENV: "test", OIDC_PROVIDERS: JSON.stringify([twice]) }).OIDC_PROVIDERS[0]).toMatchObject({
      id: "a",
      allowStaff: false,
      scopes: "openid email profile",
    });
  });
});
