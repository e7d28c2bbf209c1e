import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { createLocalJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The generated dev key goes to a throw-away DATA_DIR (read lazily by getEnv, so set before any call).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-cred-"));
process.env.DATA_DIR = dataDir;
process.env.PUBLIC_URL = "https://academy.example.test";

import { certificates, courses, learningEvents, webhookDeliveries } from "#db/schema/index";
import { createWebhook } from "#app/learning/webhooks/admin.server";
import { action as lessonAction } from "#app/routes/courses.$courseId.$lessonId/route";
import { loader as certificateLoader } from "#app/routes/certificates.$code";
import { loader as credentialLoader } from "#app/routes/certificates.$code[.]json";
import { loader as jwksLoader } from "#app/routes/[.well-known].jwks[.]json";
import { loader as profileLoader } from "#app/routes/profile";
import { listCertificatesExpiringWithin } from "#app/learning/certificate-expiry.server";
import { revokeCertificate } from "#app/learning/certificates.server";
import { resetCredentialSigningKey } from "#app/learning/credentials/signing-key.server";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions

describe("credentials: expiry, recertification, LinkedIn, Open Badges 3.0", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.dropDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const complete = (cookie: string, courseId: string, lessonId: string) =>
    run(() =>
      lessonAction({
        request: post(`/courses/${courseId}/${lessonId}`, { intent: "complete" }, cookie),
        params: { courseId, lessonId },
        context: {},
      }),
    );
  const page = async (code: string) =>
    (await (
      await run(() => certificateLoader({ request: get(`/certificates/${code}`), params: { code }, context: {} }))
    ).json()) as Json;
  const credential = (code: string) =>
    run(() => credentialLoader({ request: get(`/certificates/${code}.json`), params: { code }, context: {} }));
  const jwks = async () => (await (await run(() => jwksLoader())).json()) as JSONWebKeySet;

  async function certifiedLearner(validMonths: number | null) {
    const { course, lessons } = await createCourse(handle.db, { title: "Alerts that matter", stage: "adoption" });
    await handle.db.update(courses).set({ certificateValidMonths: validMonths }).where(eq(courses.id, course.id));
    const account = await createAccount(handle.db, { name: "Globex" });
    const learner = await createUser(handle.db, { accountId: account.id });
    const cookie = await sessionCookieFor(learner);
    for (const l of lessons) await complete(cookie, course.id, l.id);
    const [cert] = await handle.db.select().from(certificates).where(eq(certificates.userId, learner.id));
    return { course, lessons, learner, cookie, cert: cert! };
  }
  const expire = (code: string) =>
    handle.db
      .update(certificates)
      .set({ expiresAt: sql`now() - interval '1 day'`, issuedAt: sql`now() - interval '366 days'` })
      .where(eq(certificates.code, code));

  it("a course's certificateValidMonths sets the expiry; without it the certificate never expires", async () => {
    const { cert } = await certifiedLearner(12);
    const months = (cert.expiresAt!.getTime() - cert.issuedAt.getTime()) / (24 * 3600 * 1000);
    expect(months).toBeGreaterThanOrEqual(365);
    expect(months).toBeLessThanOrEqual(366);
    expect((await page(cert.code)).certificate).toMatchObject({
      status: "valid",
      expiresAt: cert.expiresAt!.toISOString(),
    });
    const forever = await certifiedLearner(null);
    expect(forever.cert.expiresAt).toBeNull();
  });

  it("publishes a credential whose signature verifies against the published JWKS (jose.jwtVerify)", async () => {
    const { cert, learner } = await certifiedLearner(24);
    const res = await credential(cert.code);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
    const body = (await res.json()) as Json;
    expect(body.status).toBe("valid");
    expect(body.credential).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      id: `https://academy.example.test/certificates/${cert.code}.json`,
      issuer: { id: "https://academy.example.test", name: "Uplift Academy" },
      credentialSubject: {
        type: ["AchievementSubject"],
        name: learner.name,
        achievement: { type: ["Achievement"], name: "Alerts that matter" },
      },
    });
    expect(body.credential["@context"]).toContain("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    expect(JSON.stringify(body)).not.toContain(learner.email);
    // The credential names where its key is published; verify with that key set only.
    expect(body.verification.jwks).toBe("https://academy.example.test/.well-known/jwks.json");
    const header = decodeProtectedHeader(body.jwt);
    expect(header).toMatchObject({
      typ: "vc+jwt",
      alg: "ES256",
      jku: body.verification.jwks,
      kid: body.verification.kid,
    });
    const keys = await jwks();
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).not.toHaveProperty("d"); // public half only
    const { payload } = await jwtVerify(body.jwt, createLocalJWKSet(keys), {
      issuer: "https://academy.example.test",
      typ: "vc+jwt",
    });
    expect(payload).toMatchObject({ ...body.credential, jti: body.credential.id });
    expect(payload.exp).toBe(Math.floor(cert.expiresAt!.getTime() / 1000));
    // A forged credential (payload changed, signature kept) fails.
    const [h, p, s] = (body.jwt as string).split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...payload, credentialSubject: { ...(payload.credentialSubject as object), name: "Mallory" } }),
    ).toString("base64url");
    await expect(jwtVerify(`${h}.${forged}.${s}`, createLocalJWKSet(keys))).rejects.toThrow(
      joseErrors.JWSSignatureVerificationFailed,
    );
    void p;
    // The generated key is kept in DATA_DIR: after a restart the same key signs (credentials issued before still verify).
    expect(fs.existsSync(path.join(dataDir, "credential-signing-key.jwk.json"))).toBe(true);
    resetCredentialSigningKey();
    expect((await jwks()).keys[0]!.kid).toBe(keys.keys[0]!.kid);
    expect((await credential("0000-0000-0000-0000-0000")).status).toBe(404);
  });

  it("shows an expired certificate as expired (page, profile, credential) and lists certificates expiring soon", async () => {
    const soon = await certifiedLearner(12);
    await handle.db
      .update(certificates)
      .set({ expiresAt: sql`now() + interval '10 days'` })
      .where(eq(certificates.code, soon.cert.code));
    const later = await certifiedLearner(12); // expires in 12 months
    const expiring = await listCertificatesExpiringWithin(handle.db, 30);
    expect(expiring.map((c) => c.code)).toContain(soon.cert.code);
    expect(expiring.map((c) => c.code)).not.toContain(later.cert.code);
    expect(expiring.find((c) => c.code === soon.cert.code)).toMatchObject({
      email: soon.learner.email,
      courseTitle: "Alerts that matter",
    });

    await expire(soon.cert.code);
    expect((await listCertificatesExpiringWithin(handle.db, 30)).map((c) => c.code)).not.toContain(soon.cert.code);
    expect((await page(soon.cert.code)).certificate.status).toBe("expired");
    const profile = (await (
      await run(() => profileLoader({ request: get("/profile", soon.cookie), params: {}, context: {} }))
    ).json()) as Json;
    expect(profile.certificates[0]).toMatchObject({ code: soon.cert.code, status: "expired" });
    const body = (await (await credential(soon.cert.code)).json()) as Json;
    expect(body.status).toBe("expired");
    await expect(jwtVerify(body.jwt, createLocalJWKSet(await jwks()))).rejects.toThrow(joseErrors.JWTExpired);
  });

  it("retaking the course after expiry renews the certificate (same code, new dates, a certificate.issued webhook); before expiry it does not", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const created = await createWebhook(handle.db, {
      url: "https://hooks.example.com/uplift",
      events: ["certificate.issued"],
      actorId: admin.id,
    });
    if (!created.ok) throw new Error(created.error);
    const { course, lessons, learner, cookie, cert } = await certifiedLearner(6);
    await complete(cookie, course.id, lessons[1]!.id); // not expired yet: nothing changes
    const [unchanged] = await handle.db.select().from(certificates).where(eq(certificates.code, cert.code));
    expect(unchanged!.issuedAt.getTime()).toBe(cert.issuedAt.getTime());

    await expire(cert.code);
    const res = await complete(cookie, course.id, lessons[1]!.id);
    expect(((await res.json()) as Json).certificateCode).toBe(cert.code);
    const [renewed] = await handle.db.select().from(certificates).where(eq(certificates.code, cert.code));
    expect(renewed!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 150 * 24 * 3600 * 1000);
    expect((await page(cert.code)).certificate.status).toBe("valid");
    const events = await handle.db
      .select()
      .from(learningEvents)
      .where(and(eq(learningEvents.userId, learner.id), eq(learningEvents.verb, "certified")));
    expect(events.map((e) => (e.result as Json).renewed ?? false)).toEqual(expect.arrayContaining([false, true]));
    const hooks = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.event, "certificate.issued"));
    expect(
      hooks
        .filter((h) => (h.payload as Json).data.certificateCode === cert.code)
        .map((h) => (h.payload as Json).data.renewed ?? false),
    ).toEqual([false, true]);
  });

  it("shows a revoked certificate as revoked and never renews it", async () => {
    const { course, lessons, cookie, cert } = await certifiedLearner(12);
    expect(await revokeCertificate(handle.db, cert.code.toLowerCase())).toBe(true);
    expect((await page(cert.code)).certificate.status).toBe("revoked");
    expect(((await (await credential(cert.code)).json()) as Json).status).toBe("revoked");
    await expire(cert.code);
    await complete(cookie, course.id, lessons[0]!.id);
    expect((await page(cert.code)).certificate.status).toBe("revoked");
  });

  it("offers a LinkedIn Add-to-profile link with the certification fields filled", async () => {
    const { cert } = await certifiedLearner(12);
    const body = await page(cert.code);
    const url = new URL(body.linkedInUrl);
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/profile/add");
    const issued = cert.issuedAt;
    const expires = cert.expiresAt!;
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Alerts that matter",
      organizationName: "Uplift Academy",
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      expirationYear: String(expires.getUTCFullYear()),
      expirationMonth: String(expires.getUTCMonth() + 1),
      certUrl: `https://academy.example.test/certificates/${cert.code}`,
      certId: cert.code,
    });
    expect(body.credentialUrl).toBe(`https://academy.example.test/certificates/${cert.code}.json`);
  });
});
