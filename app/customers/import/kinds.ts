import { MOVEMENT_TYPES } from "#db/schema/customers";
import type { FieldSpec } from "./fields";

/**
 * The import kinds: their fields (what a CSV column can map to), the natural key that makes
 * re-imports idempotent, and how rows reference their account (directly, or via a subscription).
 */
export interface KindSpec {
  kind: string;
  label: string;
  fields: FieldSpec[];
  /** Column names commonly used for each field in CRM/billing/analytics exports (auto-mapping). */
  synonyms: Record<string, string[]>;
  parent: "none" | "account" | "account-or-subscription";
  /** Date fields that must not run backwards within a row: [earlier, later] (the later may be empty). */
  ordered?: [earlier: string, later: string][];
}

const money = (name: string, required = false): FieldSpec => ({ name, type: "money", required, min: 0 });

export const KINDS: Record<string, KindSpec> = {
  accounts: {
    kind: "accounts",
    label: "Accounts (CRM)",
    parent: "none",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "name", type: "string", required: true },
      { name: "email_domains", type: "list" },
      { name: "segment", type: "string", oneOf: ["smb", "mid_market", "enterprise"] },
      { name: "plan_tier", type: "string" },
      { name: "industry", type: "string" },
      { name: "country", type: "string" },
      { name: "csm_owner", type: "string" },
      { name: "signup_date", type: "date" },
      { name: "renewal_date", type: "date" },
      { name: "churned", type: "bool" },
      { name: "churn_date", type: "date" },
      { name: "seats", type: "int", min: 0 },
      { name: "is_trial", type: "bool" },
    ],
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
  },
  subscriptions: {
    kind: "subscriptions",
    label: "Subscriptions (billing)",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "product", type: "string" },
      { name: "plan", type: "string" },
      { name: "seats", type: "int", min: 0 },
      money("mrr"),
      money("arr"),
      { name: "start_date", type: "date", required: true },
      { name: "end_date", type: "date" },
      { name: "billing_frequency", type: "string" },
      { name: "is_trial", type: "bool" },
      { name: "auto_renew", type: "bool" },
    ],
    synonyms: {
      external_id: ["subscription_id", "sub_id", "id"],
      account: ["account_id", "customer_id"],
      plan: ["plan_tier", "plan_name"],
      mrr: ["mrr_amount", "monthly_revenue"],
      arr: ["arr_amount"],
      auto_renew: ["auto_renew_flag"],
    },
    ordered: [["start_date", "end_date"]],
  },
  revenue_movements: {
    kind: "revenue_movements",
    label: "Revenue movements",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "movement_type", type: "string", required: true, oneOf: MOVEMENT_TYPES },
      { name: "amount", type: "number", required: true },
      { name: "occurred_on", type: "date", required: true },
      { name: "subscription", type: "string" },
    ],
    synonyms: {
      external_id: ["movement_id", "id"],
      account: ["account_id"],
      movement_type: ["type"],
      amount: ["mrr_delta", "delta"],
      occurred_on: ["date", "effective_date"],
      subscription: ["subscription_id"],
    },
  },
  feature_usage: {
    kind: "feature_usage",
    label: "Product usage",
    parent: "account-or-subscription",
    fields: [
      { name: "external_id", type: "string" },
      { name: "account", type: "string" },
      { name: "subscription", type: "string" },
      { name: "usage_date", type: "date", required: true },
      { name: "feature_key", type: "string", required: true },
      { name: "active_users", type: "int", min: 0 },
      { name: "events", type: "int", min: 0 },
      { name: "duration_seconds", type: "int", min: 0 },
      { name: "errors", type: "int", min: 0 },
    ],
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
  },
  support_tickets: {
    kind: "support_tickets",
    label: "Support tickets",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "opened_at", type: "datetime", required: true },
      { name: "closed_at", type: "datetime" },
      { name: "resolution_hours", type: "number", min: 0 },
      { name: "priority", type: "string" },
      { name: "first_response_minutes", type: "int", min: 0 },
      { name: "satisfaction", type: "number", min: 0, max: 5 },
      { name: "escalated", type: "bool" },
    ],
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
  },
  feedback_responses: {
    kind: "feedback_responses",
    label: "NPS / CSAT responses",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "responded_on", type: "date", required: true },
      { name: "kind", type: "string", oneOf: ["nps", "csat"] },
      { name: "score", type: "number", required: true, min: 0, max: 10 },
      { name: "comment", type: "string" },
    ],
    synonyms: {
      external_id: ["response_id", "id"],
      account: ["account_id"],
      responded_on: ["date", "responded_at"],
      score: ["nps", "rating"],
    },
  },
  community_activity: {
    kind: "community_activity",
    label: "Community participation",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "occurred_on", type: "date", required: true },
      { name: "activity_type", type: "string", required: true },
      { name: "count", type: "int", min: 0 },
    ],
    synonyms: {
      external_id: ["activity_id", "id"],
      account: ["account_id"],
      occurred_on: ["date"],
      activity_type: ["type"],
    },
  },
  marketing_engagement: {
    kind: "marketing_engagement",
    label: "Marketing engagement",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "occurred_on", type: "date", required: true },
      { name: "channel", type: "string", required: true },
      { name: "engagement_type", type: "string" },
      { name: "count", type: "int", min: 0 },
    ],
    synonyms: { external_id: ["engagement_id", "id"], account: ["account_id"], occurred_on: ["date"] },
  },
  churn_events: {
    kind: "churn_events",
    label: "Churn events",
    parent: "account",
    fields: [
      { name: "external_id", type: "string", required: true },
      { name: "account", type: "string", required: true },
      { name: "churn_date", type: "date", required: true },
      { name: "reason_code", type: "string" },
      money("refund_amount"),
      { name: "preceding_upgrade", type: "bool" },
      { name: "preceding_downgrade", type: "bool" },
      { name: "is_reactivation", type: "bool" },
      { name: "feedback_text", type: "string" },
    ],
    synonyms: {
      external_id: ["churn_event_id", "id"],
      account: ["account_id"],
      refund_amount: ["refund_amount_usd"],
      preceding_upgrade: ["preceding_upgrade_flag"],
      preceding_downgrade: ["preceding_downgrade_flag"],
    },
  },
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
