import { sql } from "drizzle-orm";
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

type Rec = Record<string, unknown>;
export interface Writer {
  table: PgTable;
  /** Row for the table from a validated record and its resolved account id. */
  toRow(r: Rec, accountId: string | null): Rec;
  /** Natural key column(s) for idempotent upserts. */
  conflict: string;
}

const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const b = (v: unknown) => (v === null || v === undefined ? null : Boolean(v));

export const WRITERS: Record<string, Writer> = {
  accounts: {
    table: accounts,
    conflict: "external_id",
    toRow: (r) => ({
      externalId: r.external_id,
      name: r.name,
      emailDomains: (r.email_domains as string[] | null) ?? [],
      segment: s(r.segment),
      planTier: s(r.plan_tier),
      industry: s(r.industry),
      country: s(r.country),
      csmOwner: s(r.csm_owner),
      signupDate: s(r.signup_date),
      renewalDate: s(r.renewal_date),
      status: r.churned || r.churn_date ? "churned" : "active",
      churnDate: s(r.churn_date),
      seats: (r.seats as number | null) ?? null,
      isTrial: b(r.is_trial) ?? false,
    }),
  },
  subscriptions: {
    table: subscriptionLines,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      product: s(r.product) ?? "core",
      plan: s(r.plan),
      seats: (r.seats as number | null) ?? 0,
      mrr: (r.mrr as number | null) ?? Math.round((((r.arr as number | null) ?? 0) / 12) * 100) / 100,
      startDate: r.start_date,
      endDate: s(r.end_date),
      billingFrequency: s(r.billing_frequency),
      isTrial: b(r.is_trial) ?? false,
      autoRenew: b(r.auto_renew),
    }),
  },
  revenue_movements: {
    table: revenueMovements,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      movementType: r.movement_type,
      amount: r.amount,
      occurredOn: r.occurred_on,
      subscriptionExternalId: s(r.subscription),
    }),
  },
  feature_usage: {
    table: featureUsage,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      // Usage exports reuse row ids (RavenStack does), so the natural key is id + owner + day + feature.
      accountId,
      externalId: [s(r.external_id) ?? "", s(r.subscription) ?? accountId, r.usage_date, r.feature_key].join("|"),
      subscriptionExternalId: s(r.subscription),
      usageDate: r.usage_date,
      featureKey: r.feature_key,
      activeUsers: (r.active_users as number | null) ?? 0,
      events: (r.events as number | null) ?? 0,
      durationSeconds: (r.duration_seconds as number | null) ?? 0,
      errors: (r.errors as number | null) ?? 0,
    }),
  },
  support_tickets: {
    table: supportTickets,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      openedAt: r.opened_at,
      closedAt: r.closed_at ?? null,
      priority: s(r.priority),
      resolutionHours: r.resolution_hours ?? null,
      firstResponseMinutes: r.first_response_minutes ?? null,
      satisfaction: r.satisfaction ?? null,
      escalated: b(r.escalated) ?? false,
    }),
  },
  feedback_responses: {
    table: feedbackResponses,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      respondedOn: r.responded_on,
      kind: s(r.kind) ?? "nps",
      score: r.score,
      comment: s(r.comment),
    }),
  },
  community_activity: {
    table: communityActivity,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      occurredOn: r.occurred_on,
      activityType: r.activity_type,
      count: (r.count as number | null) ?? 1,
    }),
  },
  marketing_engagement: {
    table: marketingEngagement,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      occurredOn: r.occurred_on,
      channel: r.channel,
      engagementType: s(r.engagement_type) ?? "engaged",
      count: (r.count as number | null) ?? 1,
    }),
  },
  churn_events: {
    table: churnEvents,
    conflict: "external_id",
    toRow: (r, accountId) => ({
      accountId,
      externalId: r.external_id,
      churnDate: r.churn_date,
      reasonCode: s(r.reason_code),
      refundAmount: r.refund_amount ?? null,
      precedingUpgrade: b(r.preceding_upgrade),
      precedingDowngrade: b(r.preceding_downgrade),
      isReactivation: b(r.is_reactivation),
      feedbackText: s(r.feedback_text),
    }),
  },
};

Object.setPrototypeOf(WRITERS, null); // looked up by user-supplied kind names, like KINDS

/** Multi-row upsert by the natural key: every non-key column sent is replaced by the incoming value. */
export async function upsertBatch(tx: Tx, writer: Writer, rows: Rec[]) {
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
