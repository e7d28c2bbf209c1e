import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, auditLog, users } from "#db/schema/index";
import { action as apiAction } from "#app/routes/api.v1.assignments";
import { action as formAction, loader as formLoader } from "#app/routes/assignments.new";
import { loader as homeLoader } from "#app/routes/_index";
import { loader as teamLoader } from "#app/routes/team";
import { loader as accountLoader } from "#app/routes/accounts.$accountId/route";
import { createApiToken } from "#app/auth/api-token.server";
import { accountAssignmentCounts } from "#app/learning/assignment-status.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { completeCourseAt, insertCourses } from "../../support/customer-data";
import { get, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("assignments", () => {
  const handle = useTestDatabase();
  let acme: Awaited<ReturnType<typeof createAccount>>;
  let other: Awaited<ReturnType<typeof createAccount>>;
  let ana: Awaited<ReturnType<typeof createUser>>,
    bo: Awaited<ReturnType<typeof createUser>>,
    teamAdmin: Awaited<ReturnType<typeof createUser>>;
  let outsider: Awaited<ReturnType<typeof createUser>>, csLeader: Awaited<ReturnType<typeof createUser>>;
  const tokens = {} as Record<"write" | "read", string>;
  const count = async () => Number((await handle.db.select({ n: sql<number>`count(*)::int` }).from(assignments))[0]!.n);
  const apiPost = (body: unknown, bearer?: string, raw?: string) =>
    run(() =>
      apiAction({
        request: new Request("http://x/api/v1/assignments", {
          method: "POST",
          headers: { "Content-Type": "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
          body: raw ?? JSON.stringify(body),
        }),
        params: {},
        context: {},
      }),
    );
  const formPost = async (who: { id: string }, fields: Record<string, string | string[]>, account?: string) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const cookie = await sessionCookieFor(who as Parameters<typeof sessionCookieFor>[0]);
    return run(() =>
      formAction({
        request: new Request(`http://localhost/assignments/new${account ? `?account=${account}` : ""}`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        }),
        params: {},
        context: {},
      }),
    );
  };

  beforeAll(async () => {
    const db = handle.db;
    await insertCourses(db, [
      { id: "as-onb1", stage: "onboarding", features: [], title: "Setup" },
      { id: "as-onb2", stage: "onboarding", features: [], title: "First project" },
      { id: "as-adp", stage: "adoption", features: [], title: "Alerts" },
    ]);
    acme = await createAccount(db, { externalId: "AS-ACME" });
    other = await createAccount(db, { externalId: "AS-OTHER" });
    ana = await createUser(db, { accountId: acme.id });
    bo = await createUser(db, { accountId: acme.id });
    teamAdmin = await createUser(db, { accountId: acme.id, isAccountAdmin: true });
    outsider = await createUser(db, { accountId: other.id });
    csLeader = await createUser(db, { role: "cs_leader" });
    tokens.write = (await createApiToken({ name: "hr", scopes: ["assignments:write"], createdBy: null })).value;
    tokens.read = (await createApiToken({ name: "crm", scopes: ["report:read"], createdBy: null })).value;
  });

  it("API: refuses missing (401) and wrong-scope (403) tokens, writing nothing", async () => {
    const body = { account: "AS-ACME", course: "as-adp", allLearners: true };
    expect((await apiPost(body)).status).toBe(401);
    expect((await apiPost(body, "upl_unknown")).status).toBe(401);
    expect((await apiPost(body, tokens.read)).status).toBe(403);
    expect(await count()).toBe(0);
  });

  it("API: bad JSON, bad bodies and unknown targets are 400/404 with nothing written", async () => {
    expect((await apiPost(null, tokens.write, "{nope")).status).toBe(400);
    for (const bad of [
      { account: "AS-ACME", allLearners: true }, // neither course nor stage
      { account: "AS-ACME", course: "as-adp", stage: "adoption", allLearners: true }, // both
      { account: "AS-ACME", course: "as-adp" }, // nobody
      { account: "AS-ACME", course: "as-adp", allLearners: true, dueOn: "2020-01-01" }, // past
      { account: "AS-ACME", course: "as-adp", allLearners: true, dueOn: "2027-02-30" }, // not a date
      { account: "AS-ACME", course: "no-such-course", allLearners: true },
      { account: "AS-ACME", course: "as-adp", learners: [ana.email, outsider.email] }, // one is another account's
    ])
      expect((await apiPost(bad, tokens.write)).status, JSON.stringify(bad)).toBe(400);
    expect((await apiPost({ account: "NOPE", course: "as-adp", allLearners: true }, tokens.write)).status).toBe(404);
    expect(await count()).toBe(0);
  });

  it("API: assigns a stage path to every learner of an account, idempotently, with an audit row", async () => {
    const res = await apiPost(
      { account: "AS-ACME", stage: "onboarding", allLearners: true, dueOn: inDays(14) },
      tokens.write,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      assigned: 6,
      learners: 3,
      courses: expect.arrayContaining(["as-onb1", "as-onb2"]),
    });
    const again = await apiPost(
      { account: "AS-ACME", stage: "onboarding", allLearners: true, dueOn: inDays(21) },
      tokens.write,
    );
    expect(again.status).toBe(200);
    expect(await count()).toBe(6);
    const rows = await handle.db.select().from(assignments);
    expect(new Set(rows.map((r) => r.dueOn))).toEqual(new Set([inDays(21)]));
    expect(rows.every((r) => r.source === "api" && r.pathStage === "onboarding")).toBe(true);
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(sql`action = 'assignment.create'`);
    expect(audits).toHaveLength(2);
  });

  it("form: an account admin assigns to their own account only; field errors re-render; learners cannot assign", async () => {
    const writtenBefore = (await handle.db.select().from(assignments)).length;
    const bad = await formPost(teamAdmin, { what: "", who: "some", dueOn: "2020-01-01" });
    expect(bad.status).toBe(400);
    const { result, done } = (await bad.json()) as Json;
    expect(done).toBeNull();
    expect(result.error).toEqual({
      what: ["Choose a course or a stage path."],
      learner: ["Choose learners, or every learner of the account."],
      dueOn: ["The due date is in the past."],
    });
    expect(result.initialValue).toMatchObject({ who: "some", dueOn: "2020-01-01" });
    // A learner of another account is refused beside the learner list, and nothing is written.
    const foreign = await formPost(teamAdmin, {
      what: "course:as-adp",
      who: "some",
      learner: [bo.email, outsider.email],
    });
    expect(foreign.status).toBe(400);
    const refused = (await foreign.json()) as Json;
    expect(refused.result.error.learner[0]).toMatch(/^Not learners of .*: /);
    expect(refused.result.initialValue.learner).toEqual([bo.email, outsider.email]);
    expect((await handle.db.select().from(assignments)).length).toBe(writtenBefore);
    // The account admin cannot reach another account: the query parameter is ignored for them.
    const ok = await formPost(
      teamAdmin,
      { what: "course:as-adp", who: "some", learner: [bo.email], dueOn: inDays(3) },
      other.id,
    );
    expect(ok.status).toBe(200);
    const [row] = await handle.db
      .select()
      .from(assignments)
      .where(sql`user_id = ${bo.id} and course_id = 'as-adp'`);
    expect(row).toMatchObject({ accountId: acme.id, dueOn: inDays(3), assignedBy: teamAdmin.id, source: "web" });
    expect((await formPost(outsider, { what: "course:as-adp", who: "all" })).status).toBe(403);
    expect((await formPost(ana, { what: "course:as-adp", who: "all" })).status).toBe(403);
    expect((await formPost(teamAdmin, { what: "course:as-adp", who: "some", learner: [outsider.email] })).status).toBe(
      400,
    );
  });

  it("form: a CS leader chooses the account; without one the page is a 404", async () => {
    const cookie = await sessionCookieFor(csLeader);
    const page = await run(() =>
      formLoader({ request: get(`/assignments/new?account=${other.id}`, cookie), params: {}, context: {} }),
    );
    expect(page.status).toBe(200);
    expect(((await page.json()) as Json).learners.map((l: Json) => l.email)).toEqual([outsider.email]);
    expect(
      (await run(() => formLoader({ request: get("/assignments/new", cookie), params: {}, context: {} }))).status,
    ).toBe(404);
    expect((await formPost(csLeader, { what: "course:as-adp", who: "all" }, other.id)).status).toBe(200);
  });

  it("learner home: assigned courses come first, open ones by due date, completed last; overdue is flagged", async () => {
    // bo: as-adp due in 3 days (form), onboarding path due in 21 days (API). Make one onboarding course overdue, complete the other.
    await handle.db.execute(
      sql`update assignments set due_on = ${inDays(-2)} where user_id = ${bo.id} and course_id = 'as-onb2'`,
    );
    await completeCourseAt(handle.db, { id: bo.id, accountId: acme.id }, "as-onb1", today);
    const cookie = await sessionCookieFor(bo);
    const home = (await (
      await run(() => homeLoader({ request: get("/", cookie), params: {}, context: {} }))
    ).json()) as Json;
    expect(home.assigned.map((a: Json) => [a.courseId, a.state])).toEqual([
      ["as-onb2", "overdue"],
      ["as-adp", "open"],
      ["as-onb1", "completed"],
    ]);
    expect(home.assigned[1].dueOn).toBe(inDays(3));
  });

  it("team and account pages show assigned / completed / overdue", async () => {
    const counts = await accountAssignmentCounts(handle.db, acme.id);
    // 6 from the onboarding path + bo's as-adp; bo completed as-onb1; bo's as-onb2 is overdue.
    expect(counts.total).toEqual({ assigned: 7, completed: 1, overdue: 1, open: 5 });
    expect(counts.byLearner[bo.id]).toEqual({ assigned: 3, completed: 1, overdue: 1, open: 1 });
    const team = (await (
      await run(async () =>
        teamLoader({ request: get("/team", await sessionCookieFor(teamAdmin)), params: {}, context: {} }),
      )
    ).json()) as Json;
    expect(team.assignments).toEqual(counts.total);
    const page = (await (
      await run(async () =>
        accountLoader({
          request: get(`/accounts/${acme.id}`, await sessionCookieFor(csLeader)),
          params: { accountId: acme.id },
          context: {},
        }),
      )
    ).json()) as Json;
    expect(page.assignments).toEqual(counts.total);
  });

  it("a deactivated learner is not assigned by 'every learner'", async () => {
    const gone = await createUser(handle.db, { accountId: other.id });
    await handle.db
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(sql`id = ${gone.id}`);
    const res = await apiPost({ account: "AS-OTHER", course: "as-onb1", allLearners: true }, tokens.write);
    expect(await res.json()).toMatchObject({ learners: 1 });
  });
});
