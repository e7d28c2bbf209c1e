import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, jobs, users } from "#db/schema/index";
import { accountAssignmentCounts } from "#app/learning/assignment-status.server";
import { getCachedImpactReport } from "#app/analytics/report/impact-report.server";
import { PeriodOutsideDataError } from "#app/analytics/coverage/sources";
import { parseReportFilters } from "#app/analytics/report/filters";
import { trainingStalled, type ListedAccount } from "#app/analytics/report/lists";
import { publicUrl } from "#app/utils/public-url.server";
import type { DigestAccount } from "./notification-emails";

/** The team digest's figures: the account's assignment counts and who has overdue courses. */
export async function teamDigestContent(db: Db, accountId: string) {
  const [[account], counts, learners] = await Promise.all([
    db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)).limit(1),
    accountAssignmentCounts(db, accountId),
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.accountId, accountId), isNull(users.deactivatedAt))),
  ]);
  const overdueLearners = learners
    .filter((l) => (counts.byLearner[l.id]?.overdue ?? 0) > 0)
    .map((l) => l.name)
    .sort();
  return { accountName: account?.name ?? "Your team", counts: counts.total, overdueLearners };
}

/**
 * Whose accounts a CS leader's digest covers. accounts.csm_owner is free text from the CRM import: an
 * account belongs to the CS leader whose email or name it names (case-insensitive). A CS leader who owns
 * no account (a team lead, or before owners are imported) gets every account.
 */
export function ownedBy(
  leader: { email: string; name: string },
  list: ListedAccount[],
  anyOwned: boolean,
): ListedAccount[] {
  if (!anyOwned) return list;
  const me = new Set([leader.email.toLowerCase(), leader.name.trim().toLowerCase()]);
  return list.filter((a) => a.csm !== null && me.has(a.csm.trim().toLowerCase()));
}

/**
 * The CS leader digest: the impact report's current lists (its rules, app/analytics/report/lists.ts),
 * "newly" meaning not listed in this leader's previous weekly digest (its job result).
 */
export async function csmDigestContent(
  db: Db,
  leader: { id: string; email: string; name: string },
  previousWeek: string,
) {
  let report;
  try {
    // The default report as stored for the current data (warmed after the server starts and after each
    // import): read, or its one background computation waited for, never computed again here.
    report = await getCachedImpactReport(db, parseReportFilters(new URLSearchParams()).filters);
  } catch (err) {
    // No revenue data yet: the report has no period, so there is nothing to list (the email says why).
    if (!(err instanceof PeriodOutsideDataError)) throw err;
    return { newlyReady: [], newlyAtRisk: [], stalled: [], note: err.message, listed: { ready: [], atRisk: [] } };
  }
  const views = report.accountRows;
  const anyOwned = views.some(
    (v) =>
      v.csm !== null &&
      [leader.email.toLowerCase(), leader.name.trim().toLowerCase()].includes(v.csm.trim().toLowerCase()),
  );
  const mine = (list: ListedAccount[]) => ownedBy(leader, list, anyOwned);
  const ready = mine(report.readyForExpansion);
  const atRisk = mine(report.atRisk);
  const stalled = mine(trainingStalled(views));
  const [prev] = await db
    .select({ result: jobs.result })
    .from(jobs)
    .where(and(eq(jobs.key, `digest:csm:${leader.id}:${previousWeek}`), eq(jobs.status, "done")))
    .limit(1);
  const before = (prev?.result ?? {}) as { ready?: string[]; atRisk?: string[] };
  const notIn = (ids: string[] | undefined) => (a: ListedAccount) => !(ids ?? []).includes(a.id);
  const toDigest = (a: ListedAccount): DigestAccount => ({
    name: a.name,
    url: publicUrl(`/accounts/${a.id}`),
    reasons: a.reasons,
  });
  return {
    newlyReady: ready.filter(notIn(before.ready)).map(toDigest),
    newlyAtRisk: atRisk.filter(notIn(before.atRisk)).map(toDigest),
    stalled: stalled.map(toDigest),
    note: null as string | null,
    /** Stored as the job's result: next week's "newly" compares against it. */
    listed: { ready: ready.map((a) => a.id), atRisk: atRisk.map((a) => a.id) },
  };
}
