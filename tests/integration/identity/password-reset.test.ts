import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, userTokens, users } from "#db/schema/index";
import { action as forgotAction } from "#app/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "#app/routes/reset-password.$token";
import { getSessionUser } from "#app/auth/session.server";
import { signIn } from "#app/auth/sign-in.server";
import { hashPassword } from "#app/auth/password.server";
import { sha256 } from "#app/auth/tokens.server";
import { RESET_EMAILS_PER_HOUR } from "#app/auth/password-reset.server";
import { createSmtpMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";
import { decodeQuotedPrintable, startSmtpServer } from "../../support/smtp";

describe("password reset, mailed through a real SMTP server", () => {
  const handle = useTestDatabase();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let smtpAdapter: ReturnType<typeof createSmtpMailAdapter>;
  beforeAll(async () => {
    process.env.PUBLIC_URL = "https://academy.example.test";
    smtp = await startSmtpServer();
    smtpAdapter = createSmtpMailAdapter(smtp.url, "Uplift Academy <academy@example.test>");
    setMailAdapter(smtpAdapter);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
    smtpAdapter.close();
    await smtp.close();
  });

  const forgot = (email: string) =>
    run(() => forgotAction({ request: post("/forgot-password", { email }), params: {}, context: {} }));
  const linkIn = (raw: string) =>
    decodeQuotedPrintable(raw).match(/https:\/\/academy\.example\.test\/reset-password\/([A-Za-z0-9_-]{43})/);

  it("answers the same for known and unknown emails; only the known one gets a mail, with text and HTML parts", async () => {
    const account = await createAccount(handle.db);
    const user = await createUser(handle.db, {
      accountId: account.id,
      email: "reset-me@example.test",
      passwordHash: await hashPassword("old password 123"),
    });
    const known = await forgot("Reset-Me@example.test");
    const unknown = await forgot("nobody-here@example.test");
    expect(known.status).toBe(unknown.status);
    expect(await known.text()).toBe(await unknown.text());
    const mail = await smtp.waitFor("reset-me@example.test");
    expect(mail.raw).toContain("Subject: Reset your Uplift Academy password");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(smtp.received.some((m) => m.to.includes("nobody-here@example.test"))).toBe(false);
    const token = linkIn(mail.raw)![1]!;
    const [row] = await handle.db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(Math.round((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 60_000)).toBe(60);

    // A live session is revoked by the reset.
    const cookie = await sessionCookieFor(user);
    expect(await getSessionUser(get("/", cookie))).not.toBeNull();
    const page = await run(() =>
      resetLoader({ request: get(`/reset-password/${token}`), params: { token }, context: {} }),
    );
    expect(await page.json()).toEqual({ valid: true });
    const mismatch = await run(() =>
      resetAction({
        request: post(`/reset-password/${token}`, { password: "new password 456", confirm: "other" }),
        params: { token },
        context: {},
      }),
    );
    expect(mismatch.status).toBe(400);
    const done = await run(() =>
      resetAction({
        request: post(`/reset-password/${token}`, { password: "new password 456", confirm: "new password 456" }),
        params: { token },
        context: {},
      }),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?reset=1");
    expect(await getSessionUser(get("/", cookie))).toBeNull();
    expect((await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).length).toBe(0);
    expect((await signIn("reset-me@example.test", "new password 456", "10.0.0.1")).ok).toBe(true);
    expect((await signIn("reset-me@example.test", "old password 123", "10.0.0.1")).ok).toBe(false);

    // Single use: the same link again is refused and changes nothing.
    const again = await run(() =>
      resetAction({
        request: post(`/reset-password/${token}`, { password: "third password 789", confirm: "third password 789" }),
        params: { token },
        context: {},
      }),
    );
    expect(again.status).toBe(400);
    expect((await signIn("reset-me@example.test", "new password 456", "10.0.0.1")).ok).toBe(true);
  });

  it("two parallel uses of one link: exactly one succeeds", async () => {
    const user = await createUser(handle.db, {
      email: "race@example.test",
      passwordHash: await hashPassword("old password 123"),
    });
    await forgot(user.email);
    const token = linkIn((await smtp.waitFor(user.email)).raw)![1]!;
    const results = await Promise.all(
      ["first password 1", "second password 2"].map((pw) =>
        run(() =>
          resetAction({
            request: post(`/reset-password/${token}`, { password: pw, confirm: pw }),
            params: { token },
            context: {},
          }),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
  });

  it("expired links are refused; a deactivated person gets no mail", async () => {
    const user = await createUser(handle.db, {
      email: "late@example.test",
      passwordHash: await hashPassword("old password 123"),
    });
    await forgot(user.email);
    const token = linkIn((await smtp.waitFor(user.email)).raw)![1]!;
    await handle.db
      .update(userTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userTokens.userId, user.id));
    const res = await run(() =>
      resetAction({
        request: post(`/reset-password/${token}`, { password: "new password 456", confirm: "new password 456" }),
        params: { token },
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const gone = await createUser(handle.db, { email: "deactivated@example.test" });
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, gone.id));
    expect((await forgot(gone.email)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.some((m) => m.to.includes(gone.email))).toBe(false);
  });

  it(`at most ${RESET_EMAILS_PER_HOUR} reset mails per person per hour, even in parallel`, async () => {
    const user = await createUser(handle.db, { email: "flood@example.test" });
    const answers = await Promise.all(Array.from({ length: 8 }, () => forgot(user.email)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const issued = await handle.db.select().from(userTokens).where(eq(userTokens.userId, user.id));
    expect(issued).toHaveLength(RESET_EMAILS_PER_HOUR);
    await expect
      .poll(() => smtp.received.filter((m) => m.to.includes(user.email)).length, { timeout: 10_000 })
      .toBe(RESET_EMAILS_PER_HOUR);
  });
});
