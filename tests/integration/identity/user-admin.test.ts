import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, lessonProgress, sessions, users } from "#db/schema/index";
import { loader as listLoader } from "#app/routes/admin.users._index";
import { action as personAction, loader as personLoader } from "#app/routes/admin.users.$userId";
import { getSessionUser } from "#app/auth/session.server";
import { signIn } from "#app/auth/sign-in.server";
import { hashPassword } from "#app/auth/password.server";
import { createMemoryMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, post, run, sessionCookieFor } from "../../support/requests";

describe("user administration (/admin/users)", () => {
  const handle = useTestDatabase();
  let adminCookie: string;
  let admin: Awaited<ReturnType<typeof createUser>>;
  const mail = createMemoryMailAdapter();
  beforeAll(async () => {
    setMailAdapter(mail);
    admin = await createUser(handle.db, { role: "admin", email: "root-admin@vendor.test" });
    adminCookie = await sessionCookieFor(admin);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
  });
  const act = (userId: string, fields: Record<string, string>) =>
    run(() =>
      personAction({ request: post(`/admin/users/${userId}`, fields, adminCookie), params: { userId }, context: {} }),
    );

  it("lists people with search and filters (account, role, status)", async () => {
    const acme = await createAccount(handle.db, { name: "Filter Acme" });
    await createUser(handle.db, { accountId: acme.id, email: "zed.filter@acme.test" });
    await createUser(handle.db, { role: "author", email: "author.filter@vendor.test" });
    const list = async (qs: string) =>
      (await (
        await run(() => listLoader({ request: get(`/admin/users?${qs}`, adminCookie), params: {}, context: {} }))
      ).json()) as { total: number; users: { email: string }[] };
    expect((await list("q=zed.filter")).users.map((u) => u.email)).toEqual(["zed.filter@acme.test"]);
    expect((await list(`account=${acme.id}`)).users.map((u) => u.email)).toEqual(["zed.filter@acme.test"]);
    expect((await list("role=author&q=filter")).users.map((u) => u.email)).toEqual(["author.filter@vendor.test"]);
    expect((await list("q=%25")).total).toBe(0); // a literal %, not a wildcard
    expect((await list("role=emperor&page=-3")).total).toBeGreaterThan(2); // bad filters are ignored, not 500
  });

  it("deactivation revokes sessions at once, refuses sign-in, keeps progress; reactivation restores sign-in; both audited", async () => {
    const acme = await createAccount(handle.db);
    const learner = await createUser(handle.db, {
      accountId: acme.id,
      email: "leaver@acme.test",
      passwordHash: await hashPassword("a good password 1"),
    });
    const { lessons } = await createCourse(handle.db);
    await markCompleted(handle.db, learner, lessons);
    const progressBefore = (await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id)))
      .length;
    expect(progressBefore).toBe(2);
    const cookie = await sessionCookieFor(learner);
    expect(await getSessionUser(get("/", cookie))).not.toBeNull();
    expect((await act(learner.id, { intent: "deactivate" })).status).toBe(200);
    expect(await getSessionUser(get("/", cookie))).toBeNull();
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, learner.id))).toEqual([]);
    expect((await signIn("leaver@acme.test", "a good password 1", "10.1.1.1")).ok).toBe(false);
    expect((await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, learner.id))).length).toBe(
      progressBefore,
    );
    expect((await act(learner.id, { intent: "reactivate" })).status).toBe(200);
    expect((await signIn("leaver@acme.test", "a good password 1", "10.1.1.1")).ok).toBe(true);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, learner.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["user.deactivated", "user.reactivated"]);
    expect(audit.every((a) => a.actorUserId === admin.id)).toBe(true);
  });

  it("role changes record before and after; learners need an account; staff lose theirs", async () => {
    const acme = await createAccount(handle.db);
    const person = await createUser(handle.db, { accountId: acme.id, email: "promote@acme.test" });
    type Reply = { intent: string; done: string | null; result: { error?: Record<string, string[]> } };
    const noAccount = await act(person.id, { intent: "role", role: "learner", accountId: "" });
    expect(noAccount.status).toBe(400);
    expect(((await noAccount.json()) as Reply).result.error).toEqual({
      accountId: ["Learners belong to a customer account."],
    });
    const badRole = await act(person.id, { intent: "role", role: "emperor", accountId: acme.id });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as Reply).result.error).toEqual({ role: ["Choose a role."] });
    const unknownAccount = await act(person.id, {
      intent: "role",
      role: "learner",
      accountId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownAccount.status).toBe(400);
    expect(((await unknownAccount.json()) as Reply).result.error).toEqual({
      "": ["That customer account does not exist."],
      accountId: ["Unknown account."],
    });
    // Refused forms write nothing: the person and the audit log are as they were.
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.target, person.id))).toEqual([]);
    const [untouched] = await handle.db.select().from(users).where(eq(users.id, person.id));
    expect(untouched).toMatchObject({ role: "learner", accountId: acme.id, isAccountAdmin: false });
    expect(
      (await act(person.id, { intent: "role", role: "learner", accountId: acme.id, isAccountAdmin: "on" })).status,
    ).toBe(200);
    expect((await act(person.id, { intent: "role", role: "cs_leader", accountId: acme.id })).status).toBe(200);
    const [row] = await handle.db.select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ role: "cs_leader", accountId: null, isAccountAdmin: false });
    const page = (await (
      await run(() =>
        personLoader({
          request: get(`/admin/users/${person.id}`, adminCookie),
          params: { userId: person.id },
          context: {},
        }),
      )
    ).json()) as { history: { action: string; details: string; actorEmail: string }[] };
    const last = page.history[0]!;
    expect(last.action).toBe("user.role_changed");
    expect(last.actorEmail).toBe("root-admin@vendor.test");
    expect(JSON.parse(last.details)).toEqual({
      before: { role: "learner", accountId: acme.id, isAccountAdmin: true, deactivated: false },
      after: { role: "cs_leader", accountId: null, isAccountAdmin: false, deactivated: false },
    });
  });

  it("the last active admin cannot be demoted or deactivated; nobody deactivates themselves", async () => {
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.role, "admin"));
    await handle.db.update(users).set({ deactivatedAt: null }).where(eq(users.id, admin.id));
    const demote = await act(admin.id, { intent: "role", role: "author" });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { result: { error: object } }).result.error).toEqual({
      "": ["This is the last active admin: make someone else admin first."],
    });
    expect((await act(admin.id, { intent: "deactivate" })).status).toBe(409);
    const [row] = await handle.db.select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ role: "admin", deactivatedAt: null });
  });

  it("sends a password-reset link by email, audited with the admin as actor", async () => {
    const person = await createUser(handle.db, { email: "forgetful@acme.test" });
    const res = await act(person.id, { intent: "reset" });
    expect(res.status).toBe(200);
    await expect
      .poll(() =>
        mail.sent.some((m) => m.to === "forgetful@acme.test" && /\/reset-password\/[A-Za-z0-9_-]{43}/.test(m.text)),
      )
      .toBe(true);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, person.id));
    expect(audit).toMatchObject([{ action: "user.password_reset_requested", actorUserId: admin.id }]);
  });

  it("unknown ids answer 404, bad intents 400", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (
        await run(() =>
          personLoader({
            request: get(`/admin/users/${missing}`, adminCookie),
            params: { userId: missing },
            context: {},
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await run(() =>
          personLoader({ request: get("/admin/users/nope", adminCookie), params: { userId: "nope" }, context: {} }),
        )
      ).status,
    ).toBe(404);
    const person = await createUser(handle.db);
    expect((await act(person.id, { intent: "explode" })).status).toBe(400);
  });
});
