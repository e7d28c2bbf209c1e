import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "#db/index";
import { bulkInsert } from "#db/bulk-insert";
import { uuidArray } from "#db/sql-lists";
import {
  accounts,
  churnEvents,
  communityActivity,
  featureUsage,
  feedbackResponses,
  marketingEngagement,
  revenueMovements,
  subscriptionLines,
  supportTickets,
} from "#db/schema/index";
import {
  accountsKind,
  churnEventsKind,
  communityActivityKind,
  featureUsageKind,
  feedbackResponsesKind,
  marketingEngagementKind,
  revenueMovementsKind,
  subscriptionsKind,
  supportTicketsKind,
  type KindSpec,
} from "./kinds";

/** A row for a table, in drizzle (camelCase) keys, with its natural key. */
export type TableRow = Record<string, unknown> & { externalId: string };

/**
 * How a kind's typed row (kinds.ts) is written: the table, its natural key column, and the table row
 * made from a valid typed row and its resolved account id (RowValidator resolves one for every kind
 * with a parent, so `owner` never throws for a valid row).
 */
export interface Writer<S extends z.AnyZodObject, R extends TableRow> {
  spec: KindSpec<S>;
  table: PgTable;
  conflict: "external_id";
  toRow(r: z.infer<S>, accountId: string | null): R;
}
/**
 * A kind's writer with its row types kept: `use` runs a function generic over them, so code reached by
 * a kind's name (a URL, a form, the CLI) still handles each kind's typed rows without casts.
 */
export interface KindWriter {
  use<X>(run: <S extends z.AnyZodObject, R extends TableRow>(writer: Writer<S, R>) => X): X;
}

function writer<S extends z.AnyZodObject, T extends PgTable & { $inferInsert: TableRow }>(
  spec: KindSpec<S>,
  table: T,
  toRow: (r: z.infer<S>, accountId: string | null) => T["$inferInsert"],
): KindWriter {
  const w: Writer<S, T["$inferInsert"]> = { spec, table, conflict: "external_id", toRow };
  return { use: (run) => run(w) };
}

const owner = (accountId: string | null) => {
  if (accountId === null) throw new Error("a row of a kind with a parent reached its writer without an account");
  return accountId;
};

export const WRITERS: Record<string, KindWriter> = {
  accounts: writer(accountsKind, accounts, (r) => ({
    externalId: r.external_id,
    name: r.name,
    emailDomains: r.email_domains ?? [],
    segment: r.segment,
    planTier: r.plan_tier,
    industry: r.industry,
    country: r.country,
    csmOwner: r.csm_owner,
    signupDate: r.signup_date,
    renewalDate: r.renewal_date,
    status: r.churned || r.churn_date ? "churned" : "active",
    churnDate: r.churn_date,
    seats: r.seats,
    isTrial: r.is_trial ?? false,
  })),
  subscriptions: writer(subscriptionsKind, subscriptionLines, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    product: r.product ?? "core",
    plan: r.plan,
    seats: r.seats ?? 0,
    mrr: r.mrr ?? Math.round(((r.arr ?? 0) / 12) * 100) / 100,
    startDate: r.start_date,
    endDate: r.end_date,
    billingFrequency: r.billing_frequency,
    isTrial: r.is_trial ?? false,
    autoRenew: r.auto_renew,
  })),
  revenue_movements: writer(revenueMovementsKind, revenueMovements, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    movementType: r.movement_type,
    amount: r.amount,
    occurredOn: r.occurred_on,
    subscriptionExternalId: r.subscription,
  })),
  feature_usage: writer(featureUsageKind, featureUsage, (r, accountId) => ({
    // Usage exports reuse row ids (RavenStack does), so the natural key is id + owner + day + feature.
    accountId: owner(accountId),
    externalId: `${r.external_id ?? ""}|${r.subscription ?? owner(accountId)}|${r.usage_date}|${r.feature_key}`,
    subscriptionExternalId: r.subscription,
    usageDate: r.usage_date,
    featureKey: r.feature_key,
    activeUsers: r.active_users ?? 0,
    events: r.events ?? 0,
    durationSeconds: r.duration_seconds ?? 0,
    errors: r.errors ?? 0,
  })),
  support_tickets: writer(supportTicketsKind, supportTickets, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    priority: r.priority,
    resolutionHours: r.resolution_hours,
    firstResponseMinutes: r.first_response_minutes,
    satisfaction: r.satisfaction,
    escalated: r.escalated ?? false,
  })),
  feedback_responses: writer(feedbackResponsesKind, feedbackResponses, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    respondedOn: r.responded_on,
    kind: r.kind ?? "nps",
    score: r.score,
    comment: r.comment,
  })),
  community_activity: writer(communityActivityKind, communityActivity, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    occurredOn: r.occurred_on,
    activityType: r.activity_type,
    count: r.count ?? 1,
  })),
  marketing_engagement: writer(marketingEngagementKind, marketingEngagement, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    occurredOn: r.occurred_on,
    channel: r.channel,
    engagementType: r.engagement_type ?? "engaged",
    count: r.count ?? 1,
  })),
  churn_events: writer(churnEventsKind, churnEvents, (r, accountId) => ({
    accountId: owner(accountId),
    externalId: r.external_id,
    churnDate: r.churn_date,
    reasonCode: r.reason_code,
    refundAmount: r.refund_amount,
    precedingUpgrade: r.preceding_upgrade,
    precedingDowngrade: r.preceding_downgrade,
    isReactivation: r.is_reactivation,
    feedbackText: r.feedback_text,
  })),
};

Object.setPrototypeOf(WRITERS, null); // looked up by user-supplied kind names, like KINDS

/** Multi-row upsert by the natural key: every non-key column sent is replaced by the incoming value. */
export async function upsertBatch<S extends z.AnyZodObject, R extends TableRow>(
  tx: Tx,
  writer: Writer<S, R>,
  rows: R[],
) {
  if (!rows.length) return;
  await bulkInsert(tx, writer.table, rows, (names) => {
    const set = names.filter((n) => n !== writer.conflict).map((n) => `"${n}" = excluded."${n}"`);
    return sql.raw(`on conflict ("${writer.conflict}") do ${set.length ? `update set ${set.join(", ")}` : "nothing"}`);
  });
}

/**
 * After churn events arrive: an account's churn_date is its latest churn event, and its status is
 * `churned` unless that latest event is flagged as a reactivation.
 */
export async function applyChurnRule(tx: Tx, accountIds: string[]) {
  if (!accountIds.length) return;
  await tx.execute(sql`
    update accounts a set churn_date = latest.churn_date, status = case when latest.is_reactivation then 'active' else 'churned' end, updated_at = now()
    from (select distinct on (account_id) account_id, churn_date, coalesce(is_reactivation, false) as is_reactivation
          from churn_events where account_id = any(${uuidArray(accountIds)})
          order by account_id, churn_date desc) latest
    where a.id = latest.account_id`);
}

/**
 * Recomputes the monthly usage rollup of these accounts from the raw rows (idempotent); with `steps`,
 * by that many accounts at a time with `pause()` after each batch (single-session databases).
 */
export async function refreshUsageRollup(
  tx: Tx,
  accountIds: string[],
  steps?: { pause: () => Promise<void>; accountsPerStep: number },
) {
  const batch = steps?.accountsPerStep ?? 1000;
  for (let i = 0; i < accountIds.length; i += batch) {
    if (i) await steps?.pause();
    const ids = uuidArray(accountIds.slice(i, i + batch));
    await tx.execute(sql`delete from feature_usage_monthly where account_id = any(${ids})`);
    await tx.execute(sql`
      insert into feature_usage_monthly (account_id, month, feature_key, active_users, events, duration_seconds)
      select account_id, date_trunc('month', usage_date)::date, feature_key, max(active_users), sum(events)::int, sum(duration_seconds)::int
      from feature_usage where account_id = any(${ids}) group by 1, 2, 3`);
  }
}
