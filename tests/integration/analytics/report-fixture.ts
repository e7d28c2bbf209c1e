import { eq } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts } from "#db/schema/index";
import { createApiToken } from "#app/auth/api-token.server";
import { action as importAction } from "#app/routes/api.v1.$kind";
import { featuresForTier } from "#app/content/product-features";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { createAccount, createUser } from "../../support/factories";
import { run } from "../../support/requests";
import {
  addFeedback,
  addCommunity,
  addLine,
  addMarketing,
  addMovement,
  addTicket,
  addUsage,
  completeCourseAt,
  insertCourses,
} from "../../support/customer-data";

/**
 * A small world whose report figures are computed by hand (period 2025-01-01 → 2025-12-31):
 *
 * | account | segment    | MRR 2025-01-01 | MRR 2025-12-31 | trained (any, before 2025) |
 * | Acme    | mid_market |         60,000 |         90,000 | yes (adoption course 2024-10-15) |
 * | Beta    | mid_market |         40,000 |         45,000 | no (onboarding course 2025-02-10, inside the period) |
 * | Gamma   | smb        |              0 |         12,000 | new in the period: not in the base |
 * | Delta   | smb        |         20,000 |              0 | no — churned 2025-07-01 |
 * | Echo    | enterprise |         50,000 |         55,000 | yes (all three stages in 2024) |
 * | Fox     | smb        |          5,000 |          5,000 | no |
 *
 * Base (customers on 2025-01-01): Acme, Beta, Delta, Echo, Fox — start 175,000, end 195,000.
 * mid_market only: Acme + Beta = 100,000 → 135,000 = 135%.
 *
 * Revenue data covers 2024-01 to 2025-12 (Gamma's second line starts 2025-12-01), so the period is
 * inside it; usage data covers 2025-12 only, support 2025-10 to 2025-12.
 */
export async function buildReportFixture(db: Db) {
  await insertCourses(db, [
    { id: "onb", stage: "onboarding", features: ["workspace"] },
    { id: "adp", stage: "adoption", features: ["alerts"] },
    { id: "exp", stage: "expansion", features: ["api"] },
  ]);
  const acme = await createAccount(db, {
    name: "Acme",
    segment: "mid_market",
    planTier: "Pro",
    country: "US",
    csmOwner: "Sam",
  });
  const beta = await createAccount(db, {
    name: "Beta",
    segment: "mid_market",
    planTier: "Pro",
    country: "DE",
    csmOwner: "Sam",
  });
  const gamma = await createAccount(db, {
    name: "Gamma",
    segment: "smb",
    planTier: "Basic",
    country: "US",
    csmOwner: "Riley",
  });
  const delta = await createAccount(db, {
    name: "Delta",
    segment: "smb",
    planTier: "Basic",
    country: "UK",
    csmOwner: "Riley",
  });
  const echo = await createAccount(db, {
    name: "Echo",
    segment: "enterprise",
    planTier: "Enterprise",
    country: "US",
    csmOwner: "Sam",
  });
  const fox = await createAccount(db, {
    name: "Fox",
    segment: "smb",
    planTier: "Basic",
    country: "UK",
    csmOwner: "Riley",
  });

  // Revenue
  await addLine(db, acme.id, { mrr: 60_000, start: "2024-01-01", seats: 100, plan: "Pro" });
  await addLine(db, acme.id, { mrr: 30_000, start: "2025-05-01", seats: 50, plan: "Pro" });
  await addMovement(db, acme.id, "upsell", 30_000, "2025-05-01");
  await addLine(db, beta.id, { mrr: 40_000, start: "2024-03-01", end: "2025-09-01", seats: 80, plan: "Pro" });
  await addLine(db, beta.id, { mrr: 45_000, start: "2025-09-01", seats: 90, plan: "Pro" });
  await addMovement(db, beta.id, "seat_growth", 5_000, "2025-09-01");
  await addLine(db, gamma.id, { mrr: 10_000, start: "2025-04-01", seats: 20, plan: "Basic" });
  await addMovement(db, gamma.id, "new", 10_000, "2025-04-01");
  await addLine(db, gamma.id, { mrr: 2_000, start: "2025-12-01", seats: 5, plan: "Basic" });
  await addLine(db, delta.id, { mrr: 20_000, start: "2024-01-01", end: "2025-07-01", seats: 30, plan: "Basic" });
  await addMovement(db, delta.id, "churn", -20_000, "2025-07-01");
  await addLine(db, echo.id, { mrr: 50_000, start: "2024-01-01", seats: 200, plan: "Enterprise" });
  await addLine(db, echo.id, {
    mrr: 5_000,
    start: "2025-10-01",
    seats: 0,
    plan: "Enterprise",
    features: ["ai_assistant"],
  });
  await addMovement(db, echo.id, "add_on", 5_000, "2025-10-01");
  await addLine(db, fox.id, { mrr: 5_000, start: "2024-01-01", seats: 10, plan: "Basic" });

  // December 2025 usage: Acme and Echo busy on every purchased feature; Fox barely uses the product.
  for (const f of featuresForTier("Pro")) await addUsage(db, acme.id, "2025-12-01", f, 140);
  for (const f of featuresForTier("Enterprise")) await addUsage(db, echo.id, "2025-12-01", f, 190);
  await addUsage(db, fox.id, "2025-12-01", "dashboards", 1);
  await addUsage(db, beta.id, "2025-12-01", "dashboards", 30);
  await addFeedback(db, acme.id, "2025-12-05", "nps", 9);
  await addCommunity(db, acme.id, "2025-12-03", 5);
  await addMarketing(db, acme.id, "2025-12-04", 10);
  for (const d of ["2025-10-02", "2025-11-02", "2025-12-02"]) await addTicket(db, fox.id, d);

  // Training
  const acmeLearner = await createUser(db, { accountId: acme.id });
  const betaLearner = await createUser(db, { accountId: beta.id });
  const echoLearner = await createUser(db, { accountId: echo.id });
  await completeCourseAt(db, { id: acmeLearner.id, accountId: acme.id }, "adp", "2024-10-15");
  await completeCourseAt(db, { id: betaLearner.id, accountId: beta.id }, "onb", "2025-02-10");
  await completeCourseAt(db, { id: echoLearner.id, accountId: echo.id }, "onb", "2024-05-10");
  await completeCourseAt(db, { id: echoLearner.id, accountId: echo.id }, "adp", "2024-08-10");
  await completeCourseAt(db, { id: echoLearner.id, accountId: echo.id }, "exp", "2024-11-10");
  // Echo's learner keeps learning in the last quarter (training activity).
  await refreshAccountMonths(db, [acme.id, beta.id, gamma.id, delta.id, echo.id, fox.id]);
  return { acme, beta, gamma, delta, echo, fox };
}

/**
 * A data load as customers make it: Acme gains a 10,000 MRR subscription (`externalId`, from 2025-06-01)
 * through the import API. Returns the API's response.
 */
export async function importAcmeSubscription(db: Db, externalId: string) {
  const [acme] = await db.select().from(accounts).where(eq(accounts.name, "Acme"));
  const token = (await createApiToken({ name: `${externalId}-test`, scopes: ["import:write"], createdBy: null })).value;
  return run(() =>
    importAction({
      request: new Request("http://x/api/v1/subscriptions", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          rows: [
            { external_id: externalId, account: acme!.externalId, start_date: "2025-06-01", mrr: 10_000, seats: 5 },
          ],
        }),
      }),
      params: { kind: "subscriptions" },
      context: {},
    }),
  );
}
