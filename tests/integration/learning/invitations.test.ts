import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations, users } from "#db/schema/index";
import { acceptInvitation, getInvitation, inviteColleague, INVITATION_DAYS } from "#app/learning/invitations.server";
import { action as teamAction, loader as teamLoader } from "#app/routes/team";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invite.$token";
import { getSessionUser } from "#app/auth/session.server";
import { sha256 } from "#app/auth/tokens.server";
import { createMemoryMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { publicUrl } from "#app/utils/public-url.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

describe("invitations", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  beforeAll(async () => {
    setMailAdapter(mail);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
  });

  async function adminOf(name = "Acme Test") {
    const account = await createAccount(handle.db, { name, emailDomains: ["acme-test.example"] });
    const admin = await createUser(handle.db, { accountId: account.id, isAccountAdmin: true });
    return { account, admin: { ...admin, accountId: account.id } };
  }
  const tokenOf = (url: string) => url.split("/invite/")[1]!;

  it("an admin invites by email: the link is mailed (never shown on the page), only the token's hash is stored", async () => {
    const { account, admin } = await adminOf("Acme Test");
    const cookie = await sessionCookieFor(admin);
    const res = await run(() =>
      teamAction({
        request: post("/team", { intent: "invite", email: " Freelancer@Gmail.test " }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    const { invited } = (await res.json()) as { invited: { email: string; expiresAt: string } };
    expect(invited.email).toBe("freelancer@gmail.test");
    const sent = mail.sent.at(-1)!;
    const url = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{43}/.exec(sent.text)![0];
    expect(url.startsWith(publicUrl("/invite/"))).toBe(true);
    const token = tokenOf(url);
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.accountId, account.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(INVITATION_DAYS);
    expect(sent.to).toBe("freelancer@gmail.test");
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
    const result = await inviteColleague(handle.db, admin, "contractor@elsewhere.test", {
      baseUrl: "http://academy.test",
    });
    const token = tokenOf(result.url);
    const page = (await (
      await run(() => inviteLoader({ request: get(`/invite/${token}`), params: { token }, context: {} }))
    ).json()) as { invitation: { status: string; email: string; accountName: string } };
    expect(page.invitation).toMatchObject({
      status: "valid",
      email: "contractor@elsewhere.test",
      accountName: account.name,
    });

    const res = await run(() =>
      inviteAction({
        request: post(`/invite/${token}`, { name: "Casey Contractor", password: "long enough password" }),
        params: { token },
        context: {},
      }),
    );
    expect(res.status).toBe(302);
    const cookie = res.headers.get("Set-Cookie")!.split(";")[0]!;
    const me = await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    expect(me).toMatchObject({
      email: "contractor@elsewhere.test",
      name: "Casey Contractor",
      accountId: account.id,
      role: "learner",
      isAccountAdmin: false,
    });

    const again = await run(() =>
      inviteAction({
        request: post(`/invite/${token}`, { name: "Mallory", password: "another long password" }),
        params: { token },
        context: {},
      }),
    );
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ failure: "used" });
    expect(await getInvitation(handle.db, token)).toEqual({ status: "used" });
    expect(await handle.db.select().from(users).where(eq(users.name, "Mallory"))).toHaveLength(0);
  });

  it("an expired invitation is refused with a clear status and creates nobody", async () => {
    const { admin } = await adminOf();
    const longAgo = new Date(Date.now() - (INVITATION_DAYS + 1) * 86_400_000);
    const result = await inviteColleague(handle.db, admin, "late@example.test", { baseUrl: "http://x", now: longAgo });
    const token = tokenOf(result.url);
    expect(await getInvitation(handle.db, token)).toEqual({ status: "expired" });
    const res = await run(() =>
      inviteAction({
        request: post(`/invite/${token}`, { name: "Late", password: "long enough password" }),
        params: { token },
        context: {},
      }),
    );
    expect(res.status).toBe(410);
    expect(await res.json()).toMatchObject({ failure: "expired" });
    expect(await handle.db.select().from(users).where(eq(users.email, "late@example.test"))).toHaveLength(0);
  });

  it("unknown tokens and bad input are refused without writing", async () => {
    expect(await getInvitation(handle.db, "nope")).toEqual({ status: "unknown" });
    expect(await acceptInvitation(handle.db, "nope", { name: "X", password: "long enough password" })).toEqual({
      ok: false,
      reason: "unknown",
    });
    const { admin } = await adminOf();
    const result = await inviteColleague(handle.db, admin, "short@example.test", { baseUrl: "http://x" });
    const token = tokenOf(result.url);
    const res = await run(() =>
      inviteAction({
        request: post(`/invite/${token}`, { name: "", password: "short" }),
        params: { token },
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({
      result: { error: { name: ["Enter your name."], password: ["Use at least 10 characters."] } },
      failure: null,
    });
    // The password is never sent back.
    expect(body.result.initialValue).not.toHaveProperty("password");
    expect(await getInvitation(handle.db, token)).toMatchObject({ status: "valid" });
  });

  it("a token accepted concurrently creates exactly one learner", async () => {
    const { admin } = await adminOf();
    const result = await inviteColleague(handle.db, admin, "race@example.test", { baseUrl: "http://x" });
    const token = tokenOf(result.url);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        acceptInvitation(handle.db, token, { name: `Racer ${i}`, password: "long enough password" }),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(["used", "used", "used"]);
    expect(await handle.db.select().from(users).where(eq(users.email, "race@example.test"))).toHaveLength(1);
  });

  it("re-inviting replaces the earlier link", async () => {
    const { admin } = await adminOf();
    const first = await inviteColleague(handle.db, admin, "twice@example.test", { baseUrl: "http://x" });
    const second = await inviteColleague(handle.db, admin, "twice@example.test", { baseUrl: "http://x" });
    expect(await getInvitation(handle.db, tokenOf(first.url))).toEqual({ status: "expired" });
    expect(await getInvitation(handle.db, tokenOf(second.url))).toMatchObject({ status: "valid" });
  });

  it("answers the same whether or not the invited email has an account; the person with one is told by email", async () => {
    const { admin } = await adminOf();
    const cookie = await sessionCookieFor(admin);
    const stranger = await createUser(handle.db, { accountId: (await createAccount(handle.db)).id });
    const teammate = await createUser(handle.db, { accountId: admin.accountId });
    const emails = ["brand-new@example.test", stranger.email, teammate.email];
    const answers = [];
    for (const email of emails) {
      const res = await run(() =>
        teamAction({ request: post("/team", { intent: "invite", email }, cookie), params: {}, context: {} }),
      );
      const body = (await res.text()).replace(email, "<email>").replace(/"expiresAt":"[^"]+"/, '"expiresAt":"<t>"');
      answers.push({ status: res.status, body });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // The team page lists all three alike (pending until withdrawn or expired).
    const page = await (await run(() => teamLoader({ request: get("/team", cookie), params: {}, context: {} }))).text();
    for (const email of emails) expect(page).toContain(email);
    expect(mail.sent.filter((m) => m.to === stranger.email).at(-1)!.text).toContain(
      "You already have an Uplift Academy account",
    );
    expect(mail.sent.filter((m) => m.to === stranger.email).at(-1)!.text).not.toContain("/invite/");
    expect(mail.sent.filter((m) => m.to === "brand-new@example.test").at(-1)!.text).toContain("/invite/");
  });

  it("builds the emailed link from PUBLIC_URL, never from the request's Host or X-Forwarded-Host", async () => {
    const { admin } = await adminOf();
    const cookie = await sessionCookieFor(admin);
    const request = new Request("http://evil.example/team", {
      method: "POST",
      body: new URLSearchParams({ intent: "invite", email: "hosted@example.test" }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: cookie,
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example",
      },
    });
    expect((await run(() => teamAction({ request, params: {}, context: {} }))).status).toBe(200);
    const text = mail.sent.filter((m) => m.to === "hosted@example.test").at(-1)!.text;
    expect(text).toContain(publicUrl("/invite/"));
    expect(text).not.toContain("evil.example");
  });

  it("a bogus token is refused before any password is hashed or budget spent; accepting is rate limited per address", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await run(() =>
        inviteAction({
          request: post(`/invite/bogus-${i}`, { name: "X", password: "long enough password" }),
          params: { token: `bogus-${i}` },
          context: { clientAddress: "10.7.7.7" },
        }),
      );
      expect(res.status).toBe(410);
    }
    const { admin } = await adminOf();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const result = await inviteColleague(handle.db, admin, `burst-${i}@example.test`, { baseUrl: "http://x" });
      const token = tokenOf(result.url);
      const res = await run(() =>
        inviteAction({
          request: post(`/invite/${token}`, { name: `Burst ${i}`, password: "long enough password" }),
          params: { token },
          context: { clientAddress: "10.7.7.7" },
        }),
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(await handle.db.select().from(users).where(eq(users.email, "burst-20@example.test"))).toHaveLength(0);
  });
});
