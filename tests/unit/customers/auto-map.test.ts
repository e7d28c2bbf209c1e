import { describe, expect, it } from "vitest";
import { autoMap, KINDS } from "#app/customers/import/kinds";

/** Column names from CRM exports map to fields without a hand mapping (issue 16 item 7: "Plan"). */
describe("automatic column mapping", () => {
  it("maps a column named Plan to the account's plan tier (any case or punctuation)", () => {
    expect(autoMap(KINDS.accounts!, ["Account ID", "Account Name", "Plan"])).toMatchObject({
      external_id: "Account ID",
      name: "Account Name",
      plan_tier: "Plan",
    });
    expect(autoMap(KINDS.accounts!, ["id", "company", "PLAN"]).plan_tier).toBe("PLAN");
    expect(autoMap(KINDS.accounts!, ["id", "company", "Tier"]).plan_tier).toBe("Tier");
  });

  it("prefers the exact field name when both plan_tier and Plan are present, and keeps subscriptions' plan", () => {
    expect(autoMap(KINDS.accounts!, ["account_id", "Plan", "plan_tier"]).plan_tier).toBe("plan_tier");
    expect(autoMap(KINDS.accounts!, ["id", "account_id", "name"]).external_id).toBe("account_id");
    expect(autoMap(KINDS.subscriptions!, ["subscription_id", "account_id", "Plan", "start_date"]).plan).toBe("Plan");
  });

  it("never maps one column to two fields", () => {
    const m = autoMap(KINDS.accounts!, ["id", "name", "plan"]);
    expect(new Set(Object.values(m)).size).toBe(Object.values(m).length);
  });
});
