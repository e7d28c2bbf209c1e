import { MOVEMENT_TYPES } from "#db/schema/customers";
import { z } from "zod";
import { cells, fieldsOf, required, type FieldSpec } from "./fields";

/**
 * The import kinds: their row (a zod object from `cells`: the typed row every import of the kind
 * produces, and the fields a CSV column can map to), the natural key that makes re-imports idempotent,
 * and how rows reference their account (directly, or via a subscription).
 */
export interface KindSpec<S extends z.AnyZodObject = z.AnyZodObject> {
  kind: string;
  label: string;
  row: S;
  fields: FieldSpec[];
  /** Column names commonly used for each field in CRM/billing/analytics exports (auto-mapping). */
  synonyms: Record<string, string[]>;
  parent: "none" | "account" | "account-or-subscription";
  /** Date fields that must not run backwards within a row: [earlier, later] (the later may be empty). */
  ordered?: [earlier: string, later: string][];
}
function defineKind<Shape extends z.ZodRawShape>(def: {
  kind: string;
  label: string;
  parent: KindSpec["parent"];
  row: Shape;
  synonyms: Partial<Record<keyof Shape & string, string[]>>;
  ordered?: [earlier: keyof Shape & string, later: keyof Shape & string][];
}): KindSpec<z.ZodObject<Shape>> {
  const synonyms: Record<string, string[]> = {};
  for (const [field, names] of Object.entries(def.synonyms)) if (names) synonyms[field] = names;
  return { ...def, row: z.object(def.row), fields: fieldsOf(def.row), synonyms };
}

const { text, oneOf, list, bool, int, number, money, date, datetime } = cells;

export const accountsKind = defineKind({
  kind: "accounts",
  label: "Accounts (CRM)",
  parent: "none",
  row: {
    external_id: required(text()),
    name: required(text()),
    email_domains: list(),
    segment: oneOf(["smb", "mid_market", "enterprise"]),
    plan_tier: text(),
    industry: text(),
    country: text(),
    csm_owner: text(),
    signup_date: date(),
    renewal_date: date(),
    churned: bool(),
    churn_date: date(),
    seats: int({ min: 0 }),
    is_trial: bool(),
  },
  synonyms: {
    external_id: ["account_id", "crm_id", "id"],
    name: ["account_name", "company", "company_name"],
    email_domains: ["domain", "domains", "email_domain"],
    plan_tier: ["plan", "tier", "plan_name"],
    csm_owner: ["csm", "owner"],
    churned: ["churn_flag", "is_churned"],
    seats: ["licensed_seats", "seat_count"],
  },
  ordered: [["signup_date", "churn_date"]],
});

export const subscriptionsKind = defineKind({
  kind: "subscriptions",
  label: "Subscriptions (billing)",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    product: text(),
    plan: text(),
    seats: int({ min: 0 }),
    mrr: money(),
    arr: money(),
    start_date: required(date()),
    end_date: date(),
    billing_frequency: text(),
    is_trial: bool(),
    auto_renew: bool(),
  },
  synonyms: {
    external_id: ["subscription_id", "sub_id", "id"],
    account: ["account_id", "customer_id"],
    plan: ["plan_tier", "plan_name"],
    mrr: ["mrr_amount", "monthly_revenue"],
    arr: ["arr_amount"],
    auto_renew: ["auto_renew_flag"],
  },
  ordered: [["start_date", "end_date"]],
});

export const revenueMovementsKind = defineKind({
  kind: "revenue_movements",
  label: "Revenue movements",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    movement_type: required(oneOf(MOVEMENT_TYPES)),
    amount: required(number()),
    occurred_on: required(date()),
    subscription: text(),
  },
  synonyms: {
    external_id: ["movement_id", "id"],
    account: ["account_id"],
    movement_type: ["type"],
    amount: ["mrr_delta", "delta"],
    occurred_on: ["date", "effective_date"],
    subscription: ["subscription_id"],
  },
});

export const featureUsageKind = defineKind({
  kind: "feature_usage",
  label: "Product usage",
  parent: "account-or-subscription",
  row: {
    external_id: text(),
    account: text(),
    subscription: text(),
    usage_date: required(date()),
    feature_key: required(text()),
    active_users: int({ min: 0 }),
    events: int({ min: 0 }),
    duration_seconds: int({ min: 0 }),
    errors: int({ min: 0 }),
  },
  synonyms: {
    external_id: ["usage_id", "id"],
    account: ["account_id"],
    subscription: ["subscription_id"],
    usage_date: ["date", "day"],
    feature_key: ["feature_name", "feature"],
    events: ["usage_count", "event_count"],
    duration_seconds: ["usage_duration_secs", "duration"],
    errors: ["error_count"],
    active_users: ["users", "active_user_count"],
  },
});

export const supportTicketsKind = defineKind({
  kind: "support_tickets",
  label: "Support tickets",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    opened_at: required(datetime()),
    closed_at: datetime(),
    resolution_hours: number({ min: 0 }),
    priority: text(),
    first_response_minutes: int({ min: 0 }),
    satisfaction: number({ min: 0, max: 5 }),
    escalated: bool(),
  },
  synonyms: {
    external_id: ["ticket_id", "id"],
    account: ["account_id"],
    opened_at: ["submitted_at", "created_at", "opened"],
    resolution_hours: ["resolution_time_hours"],
    first_response_minutes: ["first_response_time_minutes"],
    satisfaction: ["satisfaction_score", "csat"],
    escalated: ["escalation_flag"],
  },
  ordered: [["opened_at", "closed_at"]],
});

export const feedbackResponsesKind = defineKind({
  kind: "feedback_responses",
  label: "NPS / CSAT responses",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    responded_on: required(date()),
    kind: oneOf(["nps", "csat"]),
    score: required(number({ min: 0, max: 10 })),
    comment: text(),
  },
  synonyms: {
    external_id: ["response_id", "id"],
    account: ["account_id"],
    responded_on: ["date", "responded_at"],
    score: ["nps", "rating"],
  },
});

export const communityActivityKind = defineKind({
  kind: "community_activity",
  label: "Community participation",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    occurred_on: required(date()),
    activity_type: required(text()),
    count: int({ min: 0 }),
  },
  synonyms: {
    external_id: ["activity_id", "id"],
    account: ["account_id"],
    occurred_on: ["date"],
    activity_type: ["type"],
  },
});

export const marketingEngagementKind = defineKind({
  kind: "marketing_engagement",
  label: "Marketing engagement",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    occurred_on: required(date()),
    channel: required(text()),
    engagement_type: text(),
    count: int({ min: 0 }),
  },
  synonyms: { external_id: ["engagement_id", "id"], account: ["account_id"], occurred_on: ["date"] },
});

export const churnEventsKind = defineKind({
  kind: "churn_events",
  label: "Churn events",
  parent: "account",
  row: {
    external_id: required(text()),
    account: required(text()),
    churn_date: required(date()),
    reason_code: text(),
    refund_amount: money(),
    preceding_upgrade: bool(),
    preceding_downgrade: bool(),
    is_reactivation: bool(),
    feedback_text: text(),
  },
  synonyms: {
    external_id: ["churn_event_id", "id"],
    account: ["account_id"],
    refund_amount: ["refund_amount_usd"],
    preceding_upgrade: ["preceding_upgrade_flag"],
    preceding_downgrade: ["preceding_downgrade_flag"],
  },
});

export const KINDS: Record<string, KindSpec> = {
  accounts: accountsKind,
  subscriptions: subscriptionsKind,
  revenue_movements: revenueMovementsKind,
  feature_usage: featureUsageKind,
  support_tickets: supportTicketsKind,
  feedback_responses: feedbackResponsesKind,
  community_activity: communityActivityKind,
  marketing_engagement: marketingEngagementKind,
  churn_events: churnEventsKind,
};

// Looked up by names from URLs, forms and the CLI: without a prototype, "__proto__" or
// "constructor" is simply not a kind (found by the API's fast-check property test).
Object.setPrototypeOf(KINDS, null);

export const KIND_NAMES = Object.keys(KINDS);

/**
 * Header → field, by exact name or known synonym (case- and punctuation-insensitive); the field's own
 * name first, then its synonyms in order ("plan_tier" beats "Plan" when a file has both).
 */
export function autoMap(kind: KindSpec, headers: string[]): Record<string, string> {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of kind.fields) {
    for (const name of [field.name, ...(kind.synonyms[field.name] ?? [])].map(norm)) {
      const header = headers.find((h) => norm(h) === name && !used.has(h));
      if (header) {
        mapping[field.name] = header;
        used.add(header);
        break;
      }
    }
  }
  return mapping;
}
