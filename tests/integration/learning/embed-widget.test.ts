import crypto from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as embedLoader } from "#app/routes/embed.next";
import { loader as ssoLoader } from "#app/routes/sso.jwt";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, run } from "../../support/requests";

const SECRET = "embed-widget-test-secret-0123456789abcdef";

async function token(claims: Record<string, unknown>, opts: { lifetime?: number; iat?: number; secret?: string } = {}) {
  const iat = opts.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ purpose: "embed", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + (opts.lifetime ?? 600))
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}
const widget = (t: string | null, cookie?: string) =>
  run(() =>
    embedLoader({
      request: get(`/embed/next${t === null ? "" : `?token=${encodeURIComponent(t)}`}`, cookie),
      params: {},
      context: {},
    }),
  );

describe("embeddable widget (/embed/next): product-signed token, next course and progress", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let learner: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    process.env.SSO_JWT_SECRET = SECRET;
    process.env.PUBLIC_URL = "https://academy.example.test";
    handle = await createTestDatabase();
    const account = await createAccount(handle.db, { externalId: "EMB-1", lifecycleStage: "onboarding" });
    await createAccount(handle.db, { externalId: "EMB-2" });
    const first = await createCourse(handle.db, {
      id: "emb-basics",
      title: "Dashboards basics",
      stage: "onboarding",
      position: 1,
      lessons: [{ title: "One" }, { title: "Two" }, { title: "Three" }],
    });
    await createCourse(handle.db, { id: "emb-alerts", title: "Alerts that matter", stage: "adoption", position: 2 });
    learner = await createUser(handle.db, { accountId: account.id });
    await markCompleted(handle.db, learner, [first.lessons[0]!]);
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  it("shows the course in progress with the learner's progress; links open the academy in a new tab", async () => {
    const res = await widget(await token({ email: learner.email.toUpperCase(), account: "EMB-1" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain("Continue your course");
    expect(html).toContain("Dashboards basics");
    expect(html).toContain("1 of 3 lessons");
    expect(html).toContain("0 of 2 courses completed · 1 of 5 lessons");
    expect(html).toMatch(
      /href="https:\/\/academy\.example\.test\/courses\/emb-basics" target="_blank" rel="noopener noreferrer"/,
    );
    expect(html).not.toContain("<script");
  });

  it("accepts the same token again (the iframe reloads): no jti needed, none recorded", async () => {
    const t = await token({ email: learner.email, account: "EMB-1" });
    expect((await widget(t)).status).toBe(200);
    expect((await widget(t)).status).toBe(200);
  });

  it("refuses missing, forged, expired, long-lived and sign-in tokens", async () => {
    expect((await widget(null)).status).toBe(401);
    expect(
      (
        await widget(
          await token({ email: learner.email, account: "EMB-1" }, { secret: "another-secret-0123456789abcdef-xyz!" }),
        )
      ).status,
    ).toBe(401);
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await widget(await token({ email: learner.email, account: "EMB-1" }, { iat: past, lifetime: 600 }));
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain("expired");
    const long = await widget(await token({ email: learner.email, account: "EMB-1" }, { lifetime: 3600 }));
    expect(long.status).toBe(401);
    expect(await long.text()).toContain("at most 15 minutes");
    // A sign-in token (no purpose "embed") is not a widget token…
    const signIn = await widget(
      await token({ purpose: undefined, email: learner.email, account: "EMB-1", jti: crypto.randomUUID() }),
    );
    expect(signIn.status).toBe(400);
    // …and a widget token never signs anyone in.
    const embedToken = await token({ email: learner.email, account: "EMB-1", jti: crypto.randomUUID() });
    const asSignIn = await run(() =>
      ssoLoader({ request: get(`/sso/jwt?token=${embedToken}`), params: {}, context: {} }),
    );
    expect(asSignIn.status).toBe(401);
    expect(asSignIn.headers.get("Set-Cookie")).toBeNull();
    expect((await widget(await token({ email: learner.email }))).status).toBe(400); // no account claim
  });

  it("never shows a learner under another account's token, nor an unknown person's data", async () => {
    for (const t of [
      await token({ email: learner.email, account: "EMB-2" }),
      await token({ email: "nobody@example.test", account: "EMB-1" }),
    ]) {
      const res = await widget(t);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("Learn at Uplift Academy");
      expect(html).not.toContain("Dashboards basics");
    }
  });
});
