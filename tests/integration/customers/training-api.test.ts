import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { certificates, users } from "#db/schema/index";
import { loader as listLoader, action as accountsAction } from "#app/routes/api.v1.accounts";
import { loader as accountLoader } from "#app/routes/api.v1.accounts_.$externalId";
import { loader as trainingLoader } from "#app/routes/api.v1.accounts_.$externalId_.training";
import { loader as reportLoader } from "#app/routes/api.v1.report";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { reportSummary } from "#app/analytics/report/summary";
import { loader as recommendationsLoader } from "#app/routes/api.v1.learners.$email.recommendations";
import { loader as homeLoader } from "#app/routes/_index";
import { loader as openapiLoader } from "#app/routes/api.v1.openapi[.json]";
import { createApiToken } from "#app/auth/api-token.server";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { getAccountTimeline } from "#app/analytics/account-timeline.server";
import { currentHealthWeights } from "#app/analytics/health-weights.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { addLine, addUsage, completeCourseAt, insertCourses, startCourseAt } from "../../support/customer-data";
import { get, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions

describe("training data API: accounts and recommendations", () => {
  const handle = useTestDatabase();
  const tokens = {} as Record<"report" | "learners" | "xapi" | "importer", string>;
  let accountA: { id: string };
  let learner1: { id: string; accountId: string; email: string };
  let learner2: { id: string; accountId: string; email: string };
  let learner2Row: Awaited<ReturnType<typeof createUser>>;
  let staffEmail: string;

  const call = (fn: typeof listLoader, url: string, bearer: string | undefined, params: Record<string, string> = {}) =>
    run(() =>
      fn({
        request: new Request(`http://x${url}`, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} }),
        params,
        context: {},
      }),
    );
  const list = (query: string, bearer = tokens.report) => call(listLoader, `/api/v1/accounts${query}`, bearer);
  const one = (externalId: string, bearer: string | undefined = tokens.report) =>
    call(accountLoader, `/api/v1/accounts/${encodeURIComponent(externalId)}`, bearer, { externalId });
  const training = (externalId: string, bearer: string | undefined = tokens.report) =>
    call(trainingLoader, `/api/v1/accounts/${encodeURIComponent(externalId)}/training`, bearer, { externalId });
  const report = (query: string, bearer: string | undefined = tokens.report) =>
    call(reportLoader, `/api/v1/report${query}`, bearer);
  const recs = (email: string, bearer: string | undefined = tokens.learners) =>
    call(recommendationsLoader, `/api/v1/learners/${encodeURIComponent(email)}/recommendations`, bearer, { email });

  beforeAll(async () => {
    const db = handle.db;
    await insertCourses(db, [
      { id: "tr-onb", stage: "onboarding", features: ["dashboards"] },
      { id: "tr-adp", stage: "adoption", features: ["alerts"] },
      { id: "tr-exp", stage: "expansion", features: ["workflows"] },
    ]);
    accountA = await createAccount(db, { externalId: "TR-A", lifecycleStage: "adoption", seats: 10 });
    await createAccount(db, { externalId: "TR-B" });
    await createAccount(db, { externalId: "TR-C" });
    await addLine(db, accountA.id, { mrr: 500, start: "2025-01-01", seats: 10 });
    for (const m of ["2025-01-01", "2025-02-01", "2025-03-01"]) await addUsage(db, accountA.id, m, "dashboards", 6);
    const u1 = await createUser(db, { accountId: accountA.id });
    const u2 = await createUser(db, { accountId: accountA.id });
    await createUser(db, { accountId: accountA.id }); // never started
    const gone = await createUser(db, { accountId: accountA.id });
    await db
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(sql`id = ${gone.id}`);
    learner1 = { id: u1.id, accountId: accountA.id, email: u1.email };
    learner2Row = u2;
    learner2 = { id: u2.id, accountId: accountA.id, email: u2.email };
    await completeCourseAt(db, learner1, "tr-onb", "2025-02-10");
    await completeCourseAt(db, learner1, "tr-adp", "2025-03-05");
    // learner1's progress is old; learner2 opened a lesson today (the active one).
    await db.execute(sql`update lesson_progress set updated_at = completed_at where user_id = ${learner1.id}`);
    await startCourseAt(db, learner2, "tr-exp", new Date().toISOString().slice(0, 10));
    await refreshAccountMonths(db, [accountA.id]);
    staffEmail = (await createUser(db, { role: "cs_leader" })).email;
    tokens.report = (await createApiToken({ name: "crm", scopes: ["report:read"], createdBy: null })).value;
    tokens.learners = (await createApiToken({ name: "product", scopes: ["learners:read"], createdBy: null })).value;
    tokens.xapi = (await createApiToken({ name: "lrs", scopes: ["xapi:read"], createdBy: null })).value;
    tokens.importer = (await createApiToken({ name: "import", scopes: ["import:write"], createdBy: null })).value;
  });

  it("refuses missing and unknown tokens (401) and tokens without the scope (403), for every endpoint", async () => {
    for (const bearer of [undefined, "upl_unknown"]) {
      // Called directly: the helpers' default token would stand in for a missing one.
      expect((await call(listLoader, "/api/v1/accounts", bearer)).status).toBe(401);
      expect((await call(accountLoader, "/api/v1/accounts/TR-A", bearer, { externalId: "TR-A" })).status).toBe(401);
      expect(
        (
          await call(recommendationsLoader, `/api/v1/learners/${learner1.email}/recommendations`, bearer, {
            email: learner1.email,
          })
        ).status,
      ).toBe(401);
      expect(
        (await call(trainingLoader, "/api/v1/accounts/TR-A/training", bearer, { externalId: "TR-A" })).status,
      ).toBe(401);
      expect((await call(reportLoader, "/api/v1/report", bearer)).status).toBe(401);
    }
    for (const other of [tokens.learners, tokens.xapi, tokens.importer]) {
      expect((await training("TR-A", other)).status).toBe(403);
      expect((await report("", other)).status).toBe(403);
    }
    expect((await list("", tokens.xapi)).status).toBe(403);
    expect((await list("", tokens.learners)).status).toBe(403);
    expect((await one("TR-A", tokens.learners)).status).toBe(403);
    expect((await recs(learner1.email, tokens.report)).status).toBe(403);
    const denied = await recs(learner1.email, tokens.xapi);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("gives an account's training figures from the rollups, with its health as the account page shows it", async () => {
    const res = await one("TR-A");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.account).toMatchObject({
      externalId: "TR-A",
      lifecycleStage: "adoption",
      stageReached: "adoption",
      people: 3,
      learners: 1,
      activeLearners: 1,
      seats: 10,
      seatCoverage: 10,
      lessonCompletions: 4,
      courseCompletions: 2,
      courseCompletionsByStage: { onboarding: 1, adoption: 1, expansion: 0 },
    });
    expect(body.account.lastActivityAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    const timeline = await getAccountTimeline(handle.db, accountA.id, (await currentHealthWeights(handle.db)).weights);
    expect(timeline!.latestHealth!.score).not.toBeNull();
    expect(body.account.health).toEqual({
      score: timeline!.latestHealth!.score,
      band: timeline!.latestHealth!.band,
      asOf: timeline!.latestHealth!.asOf,
    });
    // Learners with email and progress; the deactivated person is left out.
    expect(body.account.learnerDetails).toHaveLength(3);
    expect(body.account.learnerDetails.find((l: Json) => l.email === learner1.email)).toMatchObject({
      lessonsCompleted: 4,
      coursesCompleted: 2,
    });
    expect(body.dataThrough).toMatchObject({ usage: "2025-03-31", customerData: "2025-03-31" });
    expect(body.definitions.learners).toMatch(/at least one lesson/);
  });

  it('says "no data" as null, never 0, for an account without customer data or seats', async () => {
    const body = (await (await one("TR-B")).json()) as Json;
    expect(body.account).toMatchObject({
      externalId: "TR-B",
      learners: 0,
      stageReached: "none",
      health: null,
      seats: null,
      seatCoverage: null,
      lastActivityAt: null,
    });
  });

  it("answers an unknown external id with 404 and an over-long one with 400", async () => {
    expect((await one("NOPE")).status).toBe(404);
    expect((await one("x".repeat(201))).status).toBe(400);
  });

  it("pages through every account with the next cursor, each once, in external-id order", async () => {
    const seen: string[] = [];
    let url: string | null = "?limit=2";
    let pages = 0;
    while (url) {
      const res = await list(url.replace(/^\/api\/v1\/accounts/, ""));
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body.accounts.length).toBeLessThanOrEqual(2);
      seen.push(...body.accounts.map((a: Json) => a.externalId));
      url = body.next;
      pages++;
    }
    const all = await handle.db.execute(sql`select external_id from accounts order by external_id`);
    const expected = ((Array.isArray(all) ? all : (all as { rows: unknown[] }).rows) as { external_id: string }[]).map(
      (r) => r.external_id,
    );
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    const first = (await (await list("?cursor=TR-A&limit=1")).json()) as Json;
    expect(first.accounts.map((a: Json) => a.externalId)).toEqual(["TR-B"]);
  });

  it("refuses bad paging parameters with 400", async () => {
    for (const q of ["?limit=0", "?limit=201", "?limit=ten", "?page=2", "?cursor="]) {
      const res = await list(q);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_query" } });
    }
  });

  it("still imports accounts with POST /api/v1/accounts (import:write), and refuses report:read there", async () => {
    const post = (bearer: string) =>
      run(() =>
        accountsAction({
          request: new Request("http://x/api/v1/accounts", {
            method: "POST",
            headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
            body: JSON.stringify({ rows: [{ external_id: "TR-D", name: "Delta" }] }),
          }),
          params: {},
          context: {},
        }),
      );
    expect((await post(tokens.report)).status).toBe(403);
    const res = await post(tokens.importer);
    expect(res.status).toBe(200);
    expect((await one("TR-D")).status).toBe(200);
  });

  it("returns the recommendations and reasons the learner's home page shows", async () => {
    const res = await recs(learner2.email.toUpperCase());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const cookie = await sessionCookieFor(learner2Row);
    const home = (await (
      await run(() => homeLoader({ request: get("/", cookie), params: {}, context: {} }))
    ).json()) as Json;
    expect(body.recommendations.length).toBeGreaterThan(0);
    expect(body.recommendations).toEqual(home.recommendations);
    expect(body.resume?.courseId ?? null).toBe(home.resume?.courseId ?? null);
    expect(body.recommendations[0].reasons[0].text).toBeTruthy();
    expect(body).toMatchObject({
      learner: { email: learner2.email },
      account: { externalId: "TR-A", stage: "adoption" },
    });
  });

  it("answers 404 for an unknown or staff email and 400 for a path that is not an email", async () => {
    expect((await recs("nobody@example.test")).status).toBe(404);
    expect((await recs(staffEmail)).status).toBe(404);
    expect((await recs("not-an-email")).status).toBe(400);
  });

  it("GET /accounts/{externalId}/training: learners with progress and certificates (status), coverage, stages and training dates", async () => {
    await handle.db.insert(certificates).values([
      {
        code: "TRA1-TRA1-TRA1-TRA1-TRA1",
        userId: learner1.id,
        accountId: accountA.id,
        courseId: "tr-onb",
        issuedAt: new Date("2025-02-10T12:00:00Z"),
        expiresAt: new Date("2026-02-10T12:00:00Z"),
      },
      {
        code: "TRA2-TRA2-TRA2-TRA2-TRA2",
        userId: learner1.id,
        accountId: accountA.id,
        courseId: "tr-adp",
        issuedAt: new Date("2025-03-05T12:00:00Z"),
        expiresAt: null,
      },
    ]);
    const res = await training("TR-A");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const figures = ((await (await one("TR-A")).json()) as Json).account;
    const { learnerDetails: _l, lastActivityAt: _a, ...sameFigures } = figures;
    expect(body.account).toMatchObject(sameFigures);
    expect(body.account).toMatchObject({
      seatCoverage: 10,
      courseCompletionsByStage: { onboarding: 1, adoption: 1, expansion: 0 },
      trainingStartedOn: "2025-02-10",
      trainingDate: "2025-02-10",
      stageFirstCompletedOn: { onboarding: "2025-02-10", adoption: "2025-03-05", expansion: null },
    });
    const l1 = body.account.learnerDetails.find((l: Json) => l.email === learner1.email);
    expect(l1).toMatchObject({ lessonsCompleted: 4, coursesCompleted: 2 });
    const expiredNow = new Date() >= new Date("2026-02-10T12:00:00Z");
    expect(l1.certificates).toEqual([
      {
        code: "TRA2-TRA2-TRA2-TRA2-TRA2",
        courseId: "tr-adp",
        courseTitle: expect.any(String),
        stage: "adoption",
        issuedAt: "2025-03-05T12:00:00Z",
        expiresAt: null,
        revokedAt: null,
        status: "valid",
      },
      {
        code: "TRA1-TRA1-TRA1-TRA1-TRA1",
        courseId: "tr-onb",
        courseTitle: expect.any(String),
        stage: "onboarding",
        issuedAt: "2025-02-10T12:00:00Z",
        expiresAt: "2026-02-10T12:00:00Z",
        revokedAt: null,
        status: expiredNow ? "expired" : "valid",
      },
    ]);
    expect(body.account.learnerDetails.find((l: Json) => l.email === learner2.email).certificates).toEqual([]);
    expect((await training("NOPE")).status).toBe(404);
    expect((await training("x".repeat(201))).status).toBe(400);
  });

  it("GET /report returns exactly the CLI's JSON (the same function) and refuses bad filters", async () => {
    const res = await report("?trained=adoption&coverage=30");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    const cli = reportSummary(await getImpactReport(handle.db, { trained: "adoption", coverage: 30, x: "coverage" }));
    expect(body).toEqual(JSON.parse(JSON.stringify(cli)));
    expect(body.accounts.inScope).toBeGreaterThan(0);
    expect(body.filters.trainedDefinition).toBe("adoption");
    const bad = await report("?from=2025-13-01");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "invalid_query", details: { errors: { from: expect.any(String) } } },
    });
    expect((await report("?form=2025-01-01")).status).toBe(400);
    const outside = await report("?from=2030-01-01&to=2030-06-30");
    expect(outside.status).toBe(422);
    expect(await outside.json()).toMatchObject({ error: { code: "period_outside_data" } });
  });

  it("describes every new endpoint in OpenAPI, beside the accounts import", async () => {
    const doc = (await (await openapiLoader({ request: new Request("http://x/api/v1/openapi.json") })).json()) as Json;
    expect(Object.keys(doc.paths["/api/v1/accounts"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/v1/accounts/{externalId}"].get.responses).toHaveProperty("404");
    expect(doc.paths["/api/v1/learners/{email}/recommendations"].get.security).toEqual([{ bearer: ["learners:read"] }]);
    expect(doc.paths["/api/v1/accounts/{externalId}/training"].get.security).toEqual([{ bearer: ["report:read"] }]);
    expect(doc.paths["/api/v1/accounts/{externalId}/training"].get.responses).toHaveProperty("403");
    expect(doc.paths["/api/v1/report"].get.security).toEqual([{ bearer: ["report:read"] }]);
    expect(doc.paths["/api/v1/report"].get.parameters.map((p: Json) => p.name)).toEqual([
      "from",
      "to",
      "segment",
      "planTier",
      "country",
      "csm",
      "stage",
      "trained",
      "coverage",
      "x",
    ]);
  });
});
