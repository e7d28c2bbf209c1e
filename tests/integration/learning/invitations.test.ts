import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations, users } from "#db/schema/index";
import { acceptInvitation, getInvitation, inviteColleague, INVITATION_DAYS } from "#app/learning/invitations.server";
import { action as teamAction, loader as teamLoader } from "#app/routes/team";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invite.$token";
import { getSessionUser } from "#app/auth/session.server";
import { sha256 } from "#app/auth/tokens.server";
import { createMemoryMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

describe("invitations", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  const mail = createMemoryMailAdapter();
  beforeAll(async () => {
    handle = await createTestDatabase();
    setMailAdapter(mail);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
    await handle.dropDatabase();
  });

  async function adminOf(name = "Acme Test") {
    const account = await createAccount(handle.db, { name, emailDomains: ["acme-test.example"] });
    const admin = await createUser(handle.db, { accountId: account.id, isAccountAdmin: true });
    return { account, admin: { ...admin, accountId: account.id } };
  }
  const tokenOf = (url: string) => url.split("/invite/")[1]!;

  it("an admin invites by email: the link is shown and mailed, only the token's hash is stored", async () => {
    const { account, admin } = await adminOf("Acme Test");
    const cookie = await sessionCookieFor(admin);
    const res = await run(() => teamAction({ request: post("/team", { intent: "invite", email: " Freelancer@Gmail.test " }, cookie), params: {}, context: {} }));
    expect(res.status).toBe(200);
    const { invited } = (await res.json()) as { invited: { email: string; url: string; expiresAt: string } };
    expect(invited.email).toBe("freelancer@gmail.test");
    expect(invited.url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invited.url);
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.accountId, account.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(INVITATION_DAYS);
    const sent = mail.sent.at(-1)!;
    expect(sent.to).toBe("freelancer@gmail.test");
    expect(sent.text).toContain(invited.url);
    expect(sent.subject).toContain("Acme Test");
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.accountId, account.id));
    expect(audit.map((a) => a.action)).toContain("invitation.created");
    // The pending invitation is listed on the team page (without the token).
    const page = await (await run(() => teamLoader({ request: get("/team", cookie), params: {}, context: {} }))).text();
    expect(page).toContain("freelancer@gmail.test");
    expect(page).not.toContain(token);
  });

  it("the invitee joins the inviting account whatever their email domain, is signed in, and the link cannot be reused", async () => {
    const { account, admin } = await adminOf();
    const result = await inviteColleague(handle.db, admin, "contractor@elsewhere.test", { baseUrl: "http://academy.test" });
    if (!result.ok) throw new Error("invite failed");
    const token = tokenOf(result.url);
    const page = (await (await run(() => inviteLoader({ request: get(`/invite/${token}`), params: { token }, context: {} }))).json()) as { invitation: { status: string; email: string; accountName: string } };
    expect(page.invitation).toMatchObject({ status: "valid", email: "contractor@elsewhere.test", accountName: account.name });

    const res = await run(() => inviteAction({ request: post(`/invite/${token}`, { name: "Casey Contractor", password: "long enough password" }), params: { token }, context: {} }));
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
    const me = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(me).toMatchObject({ email: "contractor@elsewhere.test", name: "Casey Contractor", accountId: account.id, role: "learner", isAccountAdmin: false });

    const again = await run(() => inviteAction({ request: post(`/invite/${token}`, { name: "Mallory", password: "another long password" }), params: { token }, context: {} }));
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ failure: "used" });
    expect(await getInvitation(handle.db, token)).toEqual({ status: "used" });
    expect(await handle.db.select().from(users).where(eq(users.name, "Mallory"))).toHaveLength(0);
  });

  it("an expired invitation is refused with a clear status and creates nobody", async () => {
    const { admin } = await adminOf();
    const longAgo = new Date(Date.now() - (INVITATION_DAYS + 1) * 86_400_000);
    const result = await inviteColleague(handle.db, admin, "late@example.test", { baseUrl: "http://x", now: longAgo });
    if (!result.ok) throw new Error("invite failed");
    const token = tokenOf(result.url);
    expect(await getInvitation(handle.db, token)).toEqual({ status: "expired" });
    const res = await run(() => inviteAction({ request: post(`/invite/${token}`, { name: "Late", password: "long enough password" }), params: { token }, context: {} }));
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ failure: "expired" });
    expect(await handle.db.select().from(users).where(eq(users.email, "late@example.test"))).toHaveLength(0);
  });

  it("unknown tokens and bad input are refused without writing", async () => {
    expect(await getInvitation(handle.db, "nope")).toEqual({ status: "unknown" });
    expect(await acceptInvitation(handle.db, "nope", { name: "X", password: "long enough password" })).toEqual({ ok: false, reason: "unknown" });
    const { admin } = await adminOf();
    const result = await inviteColleague(handle.db, admin, "short@example.test", { baseUrl: "http://x" });
    if (!result.ok) throw new Error("invite failed");
    const token = tokenOf(result.url);
    const res = await run(() => inviteAction({ request: post(`/invite/${token}`, { name: "", password: "short" }), params: { token }, context: {} }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fieldErrors: { name: "Enter your name.", password: "Use at least 10 characters." } });
    expect(await getInvitation(handle.db, token)).toMatchObject({ status: "valid" });
  });

  it("a token accepted concurrently creates exactly one learner", async () => {
    const { admin } = await adminOf();
    const result = await inviteColleague(handle.db, admin, "race@example.test", { baseUrl: "http://x" });
    if (!result.ok) throw new Error("invite failed");
    const token = tokenOf(result.url);
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => acceptInvitation(handle.db, token, { name: `Racer ${i}`, password: "long enough password" })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(["used", "used", "used"]);
    expect(await handle.db.select().from(users).where(eq(users.email, "race@example.test"))).toHaveLength(1);
  });

  it("re-inviting replaces the earlier link; existing users cannot be invited", async () => {
    const { admin } = await adminOf();
    const first = await inviteColleague(handle.db, admin, "twice@example.test", { baseUrl: "http://x" });
    const second = await inviteColleague(handle.db, admin, "twice@example.test", { baseUrl: "http://x" });
    if (!first.ok || !second.ok) throw new Error("invite failed");
    expect(await getInvitation(handle.db, tokenOf(first.url))).toEqual({ status: "expired" });
    expect(await getInvitation(handle.db, tokenOf(second.url))).toMatchObject({ status: "valid" });
    const teammate = await createUser(handle.db, { accountId: admin.accountId });
    expect(await inviteColleague(handle.db, admin, teammate.email.toUpperCase(), { baseUrl: "http://x" })).toEqual({ ok: false, fieldErrors: { email: "This colleague is already on your team." } });
    const stranger = await createUser(handle.db, { accountId: (await createAccount(handle.db)).id });
    expect(await inviteColleague(handle.db, admin, stranger.email, { baseUrl: "http://x" })).toEqual({ ok: false, fieldErrors: { email: "This email already has an academy account." } });
  });
});
