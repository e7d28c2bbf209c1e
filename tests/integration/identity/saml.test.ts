import zlib from "node:zlib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "#db/schema/index";
import { loader as metadataLoader } from "#app/routes/auth.saml.$provider.metadata";
import { loader as loginLoader } from "#app/routes/auth.saml.$provider.login";
import { action as acsAction } from "#app/routes/auth.saml.$provider.acs";
import { getSessionUser } from "#app/auth/session.server";
import { isCrossSiteWrite } from "#app/server/csrf.server";
import { IDP_STARTS_PER_WINDOW } from "#app/auth/idp-provision.server";
import { parseEnv } from "#app/env.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { get, post, run } from "../../support/requests";
import { TEST_IDP_CERT, TEST_IDP_ISSUER, samlResponse, type AssertionOptions } from "../../support/saml-test-idp";

const ID = "test-idp";
const ACS = `http://localhost/auth/saml/${ID}/acs`;
const AUDIENCE = `http://localhost/auth/saml/${ID}/metadata`;

/** Starts an SP-initiated sign-in; returns the AuthnRequest id the IdP must answer to. */
async function startLogin(provider = ID, redirectTo?: string) {
  const qs = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";
  const res = await run(() =>
    loginLoader({ request: get(`/auth/saml/${provider}/login${qs}`), params: { provider }, context: {} }),
  );
  expect(res.status).toBe(302);
  const url = new URL(res.headers.get("Location")!);
  const xml = zlib.inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest")!, "base64")).toString("utf8");
  return { url, xml, requestId: /\sID="([^"]+)"/.exec(xml)![1]!, relayState: url.searchParams.get("RelayState") };
}

async function postAcs(SAMLResponse: string, provider = ID, RelayState?: string) {
  const fields: Record<string, string> = { SAMLResponse, ...(RelayState ? { RelayState } : {}) };
  return run(() =>
    acsAction({ request: post(`/auth/saml/${provider}/acs`, fields), params: { provider }, context: {} }),
  );
}

const base = (email: string, extra: Partial<AssertionOptions> = {}): AssertionOptions => ({
  acs: ACS,
  audience: AUDIENCE,
  email,
  ...extra,
});

describe("SAML 2.0 service provider", () => {
  const handle = useTestDatabase();
  let acme: Awaited<ReturnType<typeof createAccount>>;
  let corp: Awaited<ReturnType<typeof createAccount>>;
  beforeAll(async () => {
    process.env.SAML_PROVIDERS = JSON.stringify([
      {
        id: ID,
        label: "Test SAML",
        entryPoint: "https://idp.test-only.example/sso",
        idpIssuer: TEST_IDP_ISSUER,
        idpCert: TEST_IDP_CERT,
      },
      {
        id: "corp-saml",
        label: "Corp SAML",
        entryPoint: "https://idp.test-only.example/sso",
        idpCert: TEST_IDP_CERT,
        accountClaim: "account",
        allowedAccounts: ["SAML-CORP"],
      },
    ]);
    acme = await createAccount(handle.db, { externalId: "SAML-ACME", emailDomains: ["saml-acme.example"] });
    corp = await createAccount(handle.db, { externalId: "SAML-CORP", emailDomains: ["saml-corp.example"] });
    await createAccount(handle.db, { externalId: "SAML-OTHER", emailDomains: ["saml-other.example"] });
  });

  it("publishes SP metadata with the entity id and the ACS an IdP admin enters", async () => {
    const res = await metadataLoader({
      request: get(`/auth/saml/${ID}/metadata`),
      params: { provider: ID },
      context: {},
    });
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`entityID="${AUDIENCE}"`);
    expect(xml).toContain(`Location="${ACS}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it("login sends an AuthnRequest to the IdP; its signed answer creates the learner of the email domain's account", async () => {
    const { url, xml, requestId, relayState } = await startLogin(ID, "/courses/getting-started");
    expect(url.origin + url.pathname).toBe("https://idp.test-only.example/sso");
    expect(xml).toContain(`AssertionConsumerServiceURL="${ACS}"`);
    expect(relayState).toBe("/courses/getting-started");
    const res = await postAcs(
      samlResponse(base("Sam@SAML-Acme.example", { inResponseTo: requestId, name: "Sam Saml" })),
      ID,
      relayState!,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/courses/getting-started");
    const user = await getSessionUser(get("/", res.headers.get("Set-Cookie")!.split(";")[0]!));
    expect(user).toMatchObject({
      email: "sam@saml-acme.example",
      name: "Sam Saml",
      role: "learner",
      accountId: acme.id,
    });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, user!.id));
    expect(audit.map((a) => a.action)).toContain("user.provisioned_with_saml");
  });

  it("a replayed assertion is refused, and so is an answer to a request we never sent or already answered", async () => {
    const { requestId } = await startLogin();
    const response = samlResponse(base("replay@saml-acme.example", { inResponseTo: requestId }));
    expect((await postAcs(response)).status).toBe(302);
    const again = await postAcs(response);
    expect(again.status).toBe(401);
    // The same request answered a second time with a fresh assertion: the request id was used up.
    expect((await postAcs(samlResponse(base("replay2@saml-acme.example", { inResponseTo: requestId })))).status).toBe(
      401,
    );
    expect(
      (await postAcs(samlResponse(base("forged-irt@saml-acme.example", { inResponseTo: "_never-sent" })))).status,
    ).toBe(401);
  });

  it("an IdP-initiated assertion (no InResponseTo) is accepted once; an unsafe RelayState falls back to /", async () => {
    const res = await postAcs(samlResponse(base("tile@saml-acme.example")), ID, "https://evil.example/");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });

  const refused: [string, (email: string) => AssertionOptions][] = [
    ["an unsigned assertion", (e) => base(e, { signWith: "none" })],
    ["an assertion signed by an untrusted key", (e) => base(e, { signWith: "other" })],
    [
      "an assertion altered after signing",
      (e) => base("innocent@saml-acme.example", { tamper: (x) => x.replace("innocent@saml-acme.example", e) }),
    ],
    ["a wrong audience", (e) => base(e, { audience: "https://other-sp.example/metadata" })],
    ["a wrong recipient", (e) => base(e, { recipient: "https://other-sp.example/acs" })],
    ["a wrong destination", (e) => base(e, { destination: "https://other-sp.example/acs" })],
    [
      "an expired assertion",
      (e) => base(e, { notBefore: new Date(Date.now() - 3_600_000), notOnOrAfter: new Date(Date.now() - 1_800_000) }),
    ],
    [
      "an assertion not yet valid",
      (e) => base(e, { notBefore: new Date(Date.now() + 1_800_000), notOnOrAfter: new Date(Date.now() + 3_600_000) }),
    ],
    ["a wrong issuer", (e) => base(e, { issuer: "https://impostor.example/saml" })],
  ];
  for (const [what, options] of refused) {
    it(`${what} is refused and creates nothing`, async () => {
      const email = `refused-${what.replace(/\W+/g, "-")}@saml-acme.example`;
      const res = await postAcs(samlResponse(options(email)));
      expect(res.status).toBe(401);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect(await handle.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });
  }

  it("a missing or garbled SAMLResponse is a 400 / 401 with nothing written", async () => {
    const empty = await run(() =>
      acsAction({ request: post(`/auth/saml/${ID}/acs`, {}), params: { provider: ID }, context: {} }),
    );
    expect(empty.status).toBe(400);
    expect((await postAcs(Buffer.from("<not-saml/>").toString("base64"))).status).toBe(401);
  });

  it("with an account attribute the IdP names the account and is restricted to its accounts", async () => {
    const corpAcs = "http://localhost/auth/saml/corp-saml/acs";
    const corpAudience = "http://localhost/auth/saml/corp-saml/metadata";
    const ok = await postAcs(
      samlResponse({
        acs: corpAcs,
        audience: corpAudience,
        email: "ann@anywhere.example",
        attributes: { account: "SAML-CORP" },
      }),
      "corp-saml",
    );
    expect(ok.status).toBe(302);
    expect(await getSessionUser(get("/", ok.headers.get("Set-Cookie")!.split(";")[0]!))).toMatchObject({
      accountId: corp.id,
    });
    const other = await postAcs(
      samlResponse({
        acs: corpAcs,
        audience: corpAudience,
        email: "ben@anywhere.example",
        attributes: { account: "SAML-OTHER" },
      }),
      "corp-saml",
    );
    expect(other.status).toBe(403);
    // The other provider's assertion (its audience and ACS) is not accepted here.
    expect((await postAcs(samlResponse(base("cross@saml-acme.example")), "corp-saml")).status).toBe(401);
  });

  it("the ACS is the only cross-site POST the CSRF rule lets through", () => {
    expect(
      isCrossSiteWrite("POST", `/auth/saml/${ID}/acs`, {
        secFetchSite: "cross-site",
        origin: "https://idp.test-only.example",
        host: "localhost",
      }),
    ).toBe(false);
    expect(
      isCrossSiteWrite("POST", "/login", {
        secFetchSite: "cross-site",
        origin: "https://idp.test-only.example",
        host: "localhost",
      }),
    ).toBe(true);
    expect(isCrossSiteWrite("POST", `/auth/saml/${ID}/acs/x`, { secFetchSite: "cross-site" })).toBe(true);
  });

  it("sign-in starts are rate-limited per client address (429 after IDP_STARTS_PER_WINDOW)", async () => {
    const context = { clientAddress: "203.0.113.77" };
    const call = () =>
      run(() => loginLoader({ request: get(`/auth/saml/${ID}/login`), params: { provider: ID }, context }));
    for (let i = 0; i < IDP_STARTS_PER_WINDOW; i++) expect((await call()).status).toBe(302);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toMatch(/Try again in \d+ minutes/);
    // Another address is not affected.
    expect(
      (
        await run(() =>
          loginLoader({
            request: get(`/auth/saml/${ID}/login`),
            params: { provider: ID },
            context: { clientAddress: "203.0.113.78" },
          }),
        )
      ).status,
    ).toBe(302);
  });

  it("SAML_PROVIDERS is validated at start", () => {
    expect(() =>
      parseEnv({
        NODE_ENV: "test",
        SAML_PROVIDERS: JSON.stringify([{ id: "x", label: "X", entryPoint: "https://idp.example/sso" }]),
      }),
    ).toThrow(/SAML_PROVIDERS: \[0\.idpCert\]/);
  });
});
