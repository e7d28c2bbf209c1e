/**
 * Feature keys of the demo product ("Beacon", a fictional B2B analytics workspace).
 * Courses list the keys they teach in frontmatter `features`; usage data and subscriptions use the same
 * keys, which is how the impact report links training to feature adoption. `path` is the deep link
 * inside the customer's product used by <FeatureLink feature="...">.
 */
export const PRODUCT_FEATURES = [
  { key: "workspace", label: "Workspace setup", path: "/settings/workspace", tier: "Basic" },
  { key: "dashboards", label: "Dashboards", path: "/dashboards", tier: "Basic" },
  { key: "data_sources", label: "Data sources", path: "/data-sources", tier: "Basic" },
  { key: "sql_editor", label: "SQL editor", path: "/sql", tier: "Basic" },
  { key: "sharing", label: "Sharing", path: "/dashboards?share=1", tier: "Basic" },
  { key: "permissions", label: "Roles & permissions", path: "/settings/roles", tier: "Pro" },
  { key: "alerts", label: "Alerts", path: "/alerts", tier: "Pro" },
  { key: "scheduled_reports", label: "Scheduled reports", path: "/reports/scheduled", tier: "Pro" },
  { key: "api", label: "API", path: "/settings/api", tier: "Pro" },
  { key: "workflows", label: "Workflows", path: "/workflows", tier: "Enterprise" },
  { key: "embedding", label: "Embedded analytics", path: "/embed", tier: "Enterprise" },
  { key: "sso", label: "Single sign-on", path: "/settings/security", tier: "Enterprise" },
  { key: "audit_log", label: "Audit log", path: "/settings/audit", tier: "Enterprise" },
  { key: "ai_assistant", label: "AI assistant", path: "/assistant", tier: "Add-on" },
] as const;

export const FEATURE_KEYS: readonly string[] = PRODUCT_FEATURES.map((f) => f.key);
const PLAN_TIERS: readonly string[] = ["Basic", "Pro", "Enterprise"];

/** Features included in a plan tier (each tier includes the ones below it; add-ons are bought separately). */
export function featuresForTier(tier: string): string[] {
  const level = PLAN_TIERS.indexOf(tier);
  return PRODUCT_FEATURES.filter((f) => f.tier !== "Add-on" && PLAN_TIERS.indexOf(f.tier) <= level).map((f) => f.key);
}
