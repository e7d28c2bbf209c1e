import { describe, expect, it } from "vitest";
import { isoWeek, mondayOf } from "#app/notifications/plan.server";
import { ownedBy } from "#app/notifications/digests.server";
import type { ListedAccount } from "#app/analytics/report/lists";

describe("digest weeks", () => {
  it("ISO 8601 weeks, across year ends", () => {
    expect(isoWeek(new Date("2026-12-05T12:00:00Z"))).toBe("2026-W49");
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53"); // a Friday: still 2026's last week
    expect(isoWeek(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01"); // a Monday in 2026's first week
    expect(isoWeek(new Date("2024-12-31T23:59:59Z"))).toBe("2025-W01");
  });
  it("a week's digests are due from its Monday 08:00 UTC", () => {
    expect(mondayOf(new Date("2026-12-05T12:00:00Z")).toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(mondayOf(new Date("2026-11-30T07:00:00Z")).toISOString()).toBe("2026-11-30T08:00:00.000Z");
    expect(mondayOf(new Date("2026-12-06T23:00:00Z")).toISOString()).toBe("2026-11-30T08:00:00.000Z"); // Sunday
  });
});

describe("which accounts a CS leader's digest covers", () => {
  const acct = (name: string, csm: string | null) => ({ id: name, name, csm }) as ListedAccount;
  const list = [acct("A", "Sam Success"), acct("B", "sam@uplift.example"), acct("C", "Riley"), acct("D", null)];
  it("owners get the accounts naming them by name or email, case-insensitively", () => {
    expect(ownedBy({ email: "SAM@uplift.example", name: "sam success" }, list, true).map((a) => a.name)).toEqual([
      "A",
      "B",
    ]);
  });
  it("a leader who owns nothing gets every account", () => {
    expect(ownedBy({ email: "lead@uplift.example", name: "Lead" }, list, false)).toHaveLength(4);
  });
});
