import { z } from "zod";
import type { Db } from "#db/index";
import { apiError } from "#app/auth/api-token.server";
import { currentHealthWeights } from "#app/analytics/health-weights.server";
import {
  ACTIVE_WINDOW_DAYS,
  accountLearners,
  accountTrainingFigures,
  findAccountRow,
  listAccountRows,
  trainingDataThrough,
} from "#app/analytics/account-training.server";
import { recommendationsForEmail } from "#app/learning/learner-recommendations.server";
import { accountCertificatesByEmail, accountTrainingDates } from "#app/analytics/account-training-detail.server";
import { runReportQuery } from "#app/analytics/report/json.server";
import { computingResponse } from "#app/analytics/report/computing-response.server";
import { FILTER_KEYS } from "#app/analytics/report/filters";

export const MAX_ACCOUNTS_PAGE = 200;

const ListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_ACCOUNTS_PAGE).default(50),
    // The last external id of the page before (the `next` link carries it).
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

function jsonResponse(body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

const definitions = {
  people: "People of the account with a learner login (deactivated ones excluded).",
  learners: "People who completed at least one lesson.",
  activeLearners: `People whose lesson progress changed in the last ${ACTIVE_WINDOW_DAYS} days before the request.`,
  seatCoverage:
    "Learners ÷ seats × 100 (seats at the newest month the revenue data covers); null when seats are unknown.",
  courseCompletions: "Learner-course pairs where the learner completed every current lesson of the course.",
  stageReached:
    "The latest lifecycle stage (onboarding → adoption → expansion) in which a learner of the account completed a course; none = no course completed.",
  health:
    "The account page's health score (0–100) as of the newest month with customer data; null = no data (never 0).",
  trainingDate:
    "Day of the account's first course completion (the impact report's training date under \"completed any course\"); null = not trained.",
  certificates: "status: valid, expired (past expiresAt; retaking the course renews it) or revoked.",
};

/** GET /api/v1/accounts?limit=&cursor= — a page of accounts with their training figures. */
export async function listAccountsTraining(db: Db, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const parsed = ListQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    return apiError(
      400,
      "invalid_query",
      `Invalid query parameters: use limit (1–${MAX_ACCOUNTS_PAGE}) and cursor (from a \`next\` link).`,
      parsed.error.flatten(),
    );
  const { limit, cursor } = parsed.data;
  // One extra row says whether another page follows.
  const rows = await listAccountRows(db, { limit: limit + 1, cursor });
  const page = rows.slice(0, limit);
  const [{ weights }, through] = await Promise.all([currentHealthWeights(db), trainingDataThrough(db)]);
  const accounts = await accountTrainingFigures(db, page, weights, through.coverage);
  let next: string | null = null;
  if (rows.length > limit) {
    const n = new URL(url.pathname, url.origin);
    n.searchParams.set("limit", String(limit));
    n.searchParams.set("cursor", page[page.length - 1]!.external_id);
    next = `${n.pathname}${n.search}`;
  }
  return jsonResponse({ accounts, next, dataThrough: through.dataThrough, definitions });
}

/** GET /api/v1/accounts/{externalId} — one account's training figures and its learners. */
export async function accountTraining(db: Db, externalId: string): Promise<Response> {
  if (!externalId || externalId.length > 200)
    return apiError(400, "invalid_external_id", "The account's external id is missing or longer than 200 characters.");
  const row = await findAccountRow(db, externalId);
  if (!row) return apiError(404, "not_found", `No account has the external id "${externalId}".`);
  const [{ weights }, through] = await Promise.all([currentHealthWeights(db), trainingDataThrough(db)]);
  const [figures] = await accountTrainingFigures(db, [row], weights, through.coverage);
  const learners = (await accountLearners(db, row.id)).map((l) => ({
    email: l.email,
    name: l.name,
    lessonsCompleted: l.lessons_completed,
    coursesCompleted: l.courses_completed,
    certificates: l.certificates,
    lastActivityAt: l.last_activity_at,
  }));
  return jsonResponse({
    account: { ...figures, learnerDetails: learners },
    dataThrough: through.dataThrough,
    definitions,
  });
}

/**
 * GET /api/v1/accounts/{externalId}/training — the account's figures (as /accounts/{externalId}) plus,
 * per learner, progress over the published catalog and certificates with their status, and the
 * account's training dates.
 */
export async function accountTrainingDetail(db: Db, externalId: string): Promise<Response> {
  if (!externalId || externalId.length > 200)
    return apiError(400, "invalid_external_id", "The account's external id is missing or longer than 200 characters.");
  const row = await findAccountRow(db, externalId);
  if (!row) return apiError(404, "not_found", `No account has the external id "${externalId}".`);
  const [{ weights }, through] = await Promise.all([currentHealthWeights(db), trainingDataThrough(db)]);
  const [[figures], learners, certificates, dates] = await Promise.all([
    accountTrainingFigures(db, [row], weights, through.coverage),
    accountLearners(db, row.id),
    accountCertificatesByEmail(db, row.id),
    accountTrainingDates(db, row.id),
  ]);
  return jsonResponse({
    account: {
      ...figures,
      ...dates,
      learnerDetails: learners.map((l) => ({
        email: l.email,
        name: l.name,
        lessonsCompleted: l.lessons_completed,
        coursesCompleted: l.courses_completed,
        lastActivityAt: l.last_activity_at,
        certificates: certificates.get(l.email) ?? [],
      })),
    },
    dataThrough: through.dataThrough,
    definitions,
  });
}

/**
 * GET /api/v1/report?from=&to=&… — exactly what `npm run report --format json` prints for the same filters
 * (from the stored figures for the current data; 503 with Retry-After while they are being computed).
 */
export async function reportApi(db: Db, request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const unknown = [...params.keys()].filter((k) => !(REPORT_PARAMS as readonly string[]).includes(k));
  if (unknown.length)
    return apiError(
      400,
      "invalid_query",
      `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Use ${REPORT_PARAMS.join(", ")}.`,
    );
  const result = await runReportQuery(db, params, { stored: true });
  if (result.ok) return jsonResponse(result.summary);
  if (result.kind === "computing") return computingResponse(result.state, "json");
  if (result.kind === "invalid")
    return apiError(400, "invalid_query", "Invalid report filters.", { errors: result.errors });
  return apiError(422, "period_outside_data", result.message, { suggested: result.suggested });
}

const REPORT_PARAMS = FILTER_KEYS;

const Email = z.string().trim().email().max(320);

/** GET /api/v1/learners/{email}/recommendations — what the learner's home page recommends, with reasons. */
export async function learnerRecommendations(db: Db, emailParam: string): Promise<Response> {
  const email = Email.safeParse(emailParam);
  if (!email.success)
    return apiError(400, "invalid_email", "The path must hold the learner's email address, URL-encoded.");
  const found = await recommendationsForEmail(db, email.data);
  if (!found) return apiError(404, "not_found", "No active learner of a customer account has this email.");
  return jsonResponse(found);
}
