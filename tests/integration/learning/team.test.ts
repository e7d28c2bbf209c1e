import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations } from "#db/schema/index";
import { action as teamAction, loader as teamLoader } from "#app/routes/team";
import { setMailAdapter, createMemoryMailAdapter, logMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

type TeamBody = {
  team: {
    courses: { id: string }[];
    members: { email: string; coursesCompleted: number; progress: Record<string, number> }[];
  };
};

describe("team view for customer admins", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  beforeAll(async () => {
    setMailAdapter(mail);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
  });

  const loadTeam = (cookie?: string, path = "/team") =>
    run(() => teamLoader({ request: get(path, cookie), params: {}, context: {} }));

  it("shows an admin their own account's learners and who completed what, and nothing of other accounts", async () => {
    const course = await createCourse(handle.db, { title: "Team course" });
    const acme = await createAccount(handle.db);
    const globex = await createAccount(handle.db);
    const admin = await createUser(handle.db, { accountId: acme.id, isAccountAdmin: true });
    const colleague = await createUser(handle.db, { accountId: acme.id });
    const outsider = await createUser(handle.db, { accountId: globex.id });
    const outsiderAdmin = await createUser(handle.db, { accountId: globex.id, isAccountAdmin: true });
    await markCompleted(handle.db, colleague, course.lessons);
    await markCompleted(handle.db, outsider, course.lessons.slice(0, 1));

    // Even with another account's id in the URL, only the admin's own account is shown.
    const res = await loadTeam(await sessionCookieFor(admin), `/team?accountId=${globex.id}`);
    expect(res.status).toBe(200);
    const raw = await res.text();
    const body = JSON.parse(raw) as TeamBody;
    expect(body.team.members.map((m) => m.email).sort()).toEqual([admin.email, colleague.email].sort());
    expect(body.team.members.find((m) => m.email === colleague.email)).toMatchObject({
      coursesCompleted: 1,
      progress: { [course.course.id]: 2 },
    });
    expect(raw).not.toContain(outsider.email);
    expect(raw).not.toContain(outsider.name);

    const theirs = JSON.parse(await (await loadTeam(await sessionCookieFor(outsiderAdmin))).text()) as TeamBody;
    expect(theirs.team.members.map((m) => m.email).sort()).toEqual([outsider.email, outsiderAdmin.email].sort());
    expect(theirs.team.members.find((m) => m.email === outsider.email)?.progress).toEqual({ [course.course.id]: 1 });
  });

  it("is 403 for learners who are not account admins, and for staff without an account", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    expect((await loadTeam(await sessionCookieFor(learner))).status).toBe(403);
    const cs = await createUser(handle.db, { role: "cs_leader" });
    expect((await loadTeam(await sessionCookieFor(cs))).status).toBe(403);
    const anonymous = await loadTeam();
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fteam");
  });

  it("a non-admin cannot invite (403, nothing written or sent)", async () => {
    const account = await createAccount(handle.db);
    const learner = await createUser(handle.db, { accountId: account.id });
    const before = mail.sent.length;
    const res = await run(() =>
      teamAction({
        request: post("/team", { intent: "invite", email: "friend@example.test" }, undefined),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(302);
    const res2 = await run(async () =>
      teamAction({
        request: post("/team", { intent: "invite", email: "friend@example.test" }, await sessionCookieFor(learner)),
        params: {},
        context: {},
      }),
    );
    expect(res2.status).toBe(403);
    expect(await handle.db.select().from(invitations).where(eq(invitations.accountId, account.id))).toHaveLength(0);
    expect(mail.sent.length).toBe(before);
  });

  it("an admin cannot withdraw another account's invitation", async () => {
    const a = await createAccount(handle.db);
    const b = await createAccount(handle.db);
    const adminA = await createUser(handle.db, { accountId: a.id, isAccountAdmin: true });
    const adminB = await createUser(handle.db, { accountId: b.id, isAccountAdmin: true });
    const invite = await run(async () =>
      teamAction({
        request: post("/team", { intent: "invite", email: "new.hire@b.test" }, await sessionCookieFor(adminB)),
        params: {},
        context: {},
      }),
    );
    expect(invite.status).toBe(200);
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.accountId, b.id));
    const res = await run(async () =>
      teamAction({
        request: post("/team", { intent: "revoke", invitationId: row!.id }, await sessionCookieFor(adminA)),
        params: {},
        context: {},
      }),
    );
    // The form's reply shape with a form error, worded as for any id that is not pending here.
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body).toMatchObject({ intent: "revoke", invited: null });
    expect(body.result.error[""]).toEqual([
      "This invitation is no longer pending: it was accepted, withdrawn or has expired.",
    ]);
    const unknown = await run(async () =>
      teamAction({
        request: post(
          "/team",
          { intent: "revoke", invitationId: "00000000-0000-4000-8000-000000000000" },
          await sessionCookieFor(adminA),
        ),
        params: {},
        context: {},
      }),
    );
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).result.error).toEqual(body.result.error);
    const [after] = await handle.db.select().from(invitations).where(eq(invitations.id, row!.id));
    expect(after!.expiresAt.getTime()).toBe(row!.expiresAt.getTime());
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.accountId, b.id), eq(auditLog.action, "invitation.revoked"))),
    ).toHaveLength(0);
  });

  it("withdraws its own pending invitation, with an audit row", async () => {
    const account = await createAccount(handle.db);
    const admin = await createUser(handle.db, { accountId: account.id, isAccountAdmin: true });
    const cookie = await sessionCookieFor(admin);
    await run(async () =>
      teamAction({
        request: post("/team", { intent: "invite", email: "soon@gone.test" }, cookie),
        params: {},
        context: {},
      }),
    );
    const [row] = await handle.db.select().from(invitations).where(eq(invitations.accountId, account.id));
    const res = await run(async () =>
      teamAction({
        request: post("/team", { intent: "revoke", invitationId: row!.id }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).result.status).toBe("success");
    const [after] = await handle.db.select().from(invitations).where(eq(invitations.id, row!.id));
    expect(after!.expiresAt.getTime()).toBeLessThan(row!.expiresAt.getTime());
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.accountId, account.id));
    expect(audit.map((a) => a.action)).toContain("invitation.revoked");
  });

  it("rejects a malformed email next to the field, writing nothing", async () => {
    const account = await createAccount(handle.db);
    const admin = await createUser(handle.db, { accountId: account.id, isAccountAdmin: true });
    const res = await run(async () =>
      teamAction({
        request: post("/team", { intent: "invite", email: "not an email" }, await sessionCookieFor(admin)),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      result: { initialValue: { email: "not an email" }, error: { email: ["Enter a valid email address."] } },
      invited: null,
    });
    expect(await handle.db.select().from(invitations).where(eq(invitations.accountId, account.id))).toHaveLength(0);
  });
});
