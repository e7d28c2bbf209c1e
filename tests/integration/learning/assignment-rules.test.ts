import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignmentRules, assignments, auditLog, users } from "#db/schema/index";
import { action as rulesAction, loader as rulesLoader } from "#app/routes/admin.assignment-rules";
import { acceptInvitation, inviteColleague } from "#app/learning/invitations.server";
import { createScimUser } from "#app/auth/scim/users.server";
import { signInWithIdpIdentity } from "#app/auth/idp-provision.server";
import { createMemoryMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import type { SessionUser } from "#app/auth/session.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { insertCourses } from "../../support/customer-data";
import { get, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("assignment rules", () => {
  const handle = useTestDatabase();
  let onb: Awaited<ReturnType<typeof createAccount>>, adopt: Awaited<ReturnType<typeof createAccount>>;
  let leader: Awaited<ReturnType<typeof createUser>>,
    early: Awaited<ReturnType<typeof createUser>>,
    explicit: Awaited<ReturnType<typeof createUser>>;
  let onbAdmin: Awaited<ReturnType<typeof createUser>>;
  const assignedOf = (userId: string) => handle.db.select().from(assignments).where(eq(assignments.userId, userId));
  const post = async (fields: Record<string, string>) => {
    const cookie = await sessionCookieFor(leader);
    return run(() =>
      rulesAction({
        request: new Request("http://localhost/admin/assignment-rules", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
        params: {},
        context: {},
      }),
    );
  };

  beforeAll(async () => {
    setMailAdapter(createMemoryMailAdapter());
    const db = handle.db;
    await insertCourses(db, [
      { id: "ru-setup", stage: "onboarding", features: [], title: "Setup" },
      { id: "ru-alerts", stage: "adoption", features: [], title: "Alerts" },
    ]);
    onb = await createAccount(db, {
      externalId: "RU-ONB",
      lifecycleStage: "onboarding",
      emailDomains: ["onb.example"],
    });
    adopt = await createAccount(db, {
      externalId: "RU-ADOPT",
      lifecycleStage: "adoption",
      emailDomains: ["adopt.example"],
    });
    leader = await createUser(db, { role: "cs_leader" });
    early = await createUser(db, { accountId: onb.id });
    explicit = await createUser(db, { accountId: onb.id });
    onbAdmin = await createUser(db, { accountId: onb.id, isAccountAdmin: true });
    await createUser(db, { accountId: adopt.id });
    await db
      .insert(assignments)
      .values({ accountId: onb.id, userId: explicit.id, courseId: "ru-setup", dueOn: inDays(5), source: "web" });
  });

  it("the form re-renders field errors (conform's reply, values kept) and writes nothing", async () => {
    const res = await post({ accountStage: "", course: "", dueDays: "soon" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.intent).toBe("create");
    expect(body.result.error).toEqual({
      accountStage: ["Choose an account stage."],
      course: ["Choose a course."],
      dueDays: ["A whole number of days."],
    });
    expect(body.result.initialValue).toMatchObject({ dueDays: "soon" });
    const unknown = await post({ accountStage: "onboarding", course: "nope", dueDays: "0" });
    expect(((await unknown.json()) as Json).result.error).toEqual({ dueDays: ["At least 1 day."] });
    const noCourse = await post({ accountStage: "onboarding", course: "nope", dueDays: "" });
    expect(((await noCourse.json()) as Json).result.error).toEqual({ course: ['No published course "nope".'] });
    expect(await handle.db.select().from(assignmentRules)).toEqual([]);
  });

  it("turning off a rule that is not on is a form error, writing nothing", async () => {
    const res = await post({ intent: "deactivate", ruleId: "00000000-0000-4000-8000-000000000000" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).result.error).toEqual({ "": ["No such rule."] });
    const garbage = await post({ intent: "deactivate", ruleId: "'; drop table" });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as Json).result.error).toEqual({ ruleId: ["No such rule."] });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "assignment_rule.deactivate"))).toEqual(
      [],
    );
  });

  it("a new rule assigns the course to existing learners of matching accounts only, never twice, keeping explicit due dates", async () => {
    const res = await post({ accountStage: "onboarding", course: "ru-setup", dueDays: "14" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).done).toBe("Rule created; assigned to 2 existing learners.");
    expect(await assignedOf(early.id)).toEqual([
      expect.objectContaining({ courseId: "ru-setup", dueOn: inDays(14), source: "rule" }),
    ]);
    expect(await assignedOf(explicit.id)).toEqual([
      expect.objectContaining({ courseId: "ru-setup", dueOn: inDays(5), source: "web" }),
    ]);
    expect(
      Number(
        (
          await handle.db
            .select({ n: sql<number>`count(*)` })
            .from(assignments)
            .where(eq(assignments.accountId, adopt.id))
        )[0]!.n,
      ),
    ).toBe(0);
    const again = await post({ accountStage: "onboarding", course: "ru-setup", dueDays: "7" });
    expect(again.status).toBe(400);
    expect(await handle.db.select().from(assignments).where(eq(assignments.courseId, "ru-setup"))).toHaveLength(3);
    const page = await run(async () =>
      rulesLoader({ request: get("/admin/assignment-rules", await sessionCookieFor(leader)), params: {}, context: {} }),
    );
    expect(((await page.json()) as Json).rules).toEqual([
      expect.objectContaining({ accountStage: "onboarding", courseTitle: "Setup", dueDays: 14 }),
    ]);
  });

  it("learners who join later get it: invitation (sign-up), OIDC/SAML first sign-in and SCIM; not at accounts in another stage", async () => {
    const invited = await inviteColleague(
      handle.db,
      { ...onbAdmin, role: "learner", isAccountAdmin: true, accountId: onb.id } as SessionUser & { accountId: string },
      "newbie@onb.example",
      { baseUrl: "http://x" },
    );
    const accepted = await acceptInvitation(handle.db, invited.url.split("/invite/")[1]!, {
      name: "Newbie",
      password: "a long enough password",
    });
    expect(accepted.ok).toBe(true);
    const [newbie] = await handle.db.select().from(users).where(eq(users.email, "newbie@onb.example"));
    expect(await assignedOf(newbie!.id)).toEqual([
      expect.objectContaining({ courseId: "ru-setup", dueOn: inDays(14), source: "rule" }),
    ]);
    const oidc = await signInWithIdpIdentity(
      { method: "oidc", provider: "okta", subject: "sub-1", email: "oidc@onb.example" },
      { allowStaff: false },
    );
    expect(oidc.ok && oidc.created).toBe(true);
    expect(await assignedOf(oidc.ok ? oidc.user.id : "")).toEqual([
      expect.objectContaining({ courseId: "ru-setup", source: "rule" }),
    ]);
    const scimOnb = await createScimUser(handle.db, { userName: "scim@onb.example", organization: "RU-ONB" });
    expect(await assignedOf(scimOnb.id)).toHaveLength(1);
    const scimAdopt = await createScimUser(handle.db, { userName: "scim@adopt.example", organization: "RU-ADOPT" });
    expect(await assignedOf(scimAdopt.id)).toEqual([]);
  });

  it("a rule turned off assigns nothing to later learners; existing assignments stay", async () => {
    const [rule] = await handle.db.select().from(assignmentRules);
    expect((await post({ intent: "deactivate", ruleId: rule!.id })).status).toBe(200);
    const later = await createScimUser(handle.db, { userName: "later@onb.example", organization: "RU-ONB" });
    expect(await assignedOf(later.id)).toEqual([]);
    expect(
      await handle.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.courseId, "ru-setup"), eq(assignments.source, "rule"))),
    ).toHaveLength(5); // early, the account admin, newbie, oidc@onb, scim@onb
  });
});
