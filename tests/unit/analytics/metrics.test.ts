import { describe, expect, it } from "vitest";
import {
  adoption,
  baseExpansionRate,
  churnRate,
  completionRate,
  expansionByType,
  featureBreadth,
  grossRevenueRetention,
  learners,
  revenueAt,
  seatCoverage,
  seatUtilization,
  stageReached,
} from "#app/analytics/metrics";

describe("revenueAt", () => {
  const lines = [
    { mrr: 100, startDate: "2024-01-01", endDate: null },
    { mrr: 50, startDate: "2024-03-15", endDate: "2024-06-01" },
    { mrr: 25.5, startDate: "2024-07-01", endDate: null },
  ];
  it.each([
    ["2023-12-31", 0], // before anything started
    ["2024-01-01", 100], // starts on D: counted
    ["2024-03-15", 150],
    ["2024-05-31", 150],
    ["2024-06-01", 100], // ends on D: not counted any more
    ["2024-07-01", 125.5],
  ])("at %s is %s", (date, expected) => {
    expect(revenueAt(lines, date)).toBe(expected);
  });
});

describe("baseExpansionRate", () => {
  it("a base of $100,000 that ends the period at $135,000 expands at 135%", () => {
    const r = baseExpansionRate([
      { revenueStart: 60_000, revenueEnd: 90_000 },
      { revenueStart: 40_000, revenueEnd: 45_000 },
    ]);
    expect(r).toEqual({ rate: 135, accounts: 2, revenueStart: 100_000, revenueEnd: 135_000 });
  });

  it("excludes customers acquired during the period and counts churned ones at zero", () => {
    const r = baseExpansionRate([
      { revenueStart: 1_000, revenueEnd: 1_100 },
      { revenueStart: 1_000, revenueEnd: 0 }, // churned
      { revenueStart: 0, revenueEnd: 5_000 }, // new in the period: excluded
    ]);
    expect(r).toEqual({ rate: expect.closeTo(55, 10), accounts: 2, revenueStart: 2_000, revenueEnd: 1_100 });
  });

  it("has no rate without a starting base", () => {
    expect(baseExpansionRate([{ revenueStart: 0, revenueEnd: 10 }]).rate).toBeNull();
  });
});

describe("grossRevenueRetention", () => {
  it("caps each account at its starting revenue", () => {
    const r = grossRevenueRetention([
      { revenueStart: 100, revenueEnd: 150 }, // growth not counted: 100
      { revenueStart: 100, revenueEnd: 80 }, // contraction: 80
      { revenueStart: 200, revenueEnd: 0 }, // churn: 0
      { revenueStart: 0, revenueEnd: 500 }, // new: excluded
    ]);
    expect(r).toEqual({ rate: 45, accounts: 3, revenueStart: 400, revenueRetained: 180 });
  });
});

describe("expansionByType", () => {
  it("sums movements inside the period (inclusive) as ARR, losses as positive", () => {
    const r = expansionByType(
      [
        { movementType: "upsell", amount: 100, occurredOn: "2024-01-01" },
        { movementType: "seat_growth", amount: 50, occurredOn: "2024-12-31" },
        { movementType: "add_on", amount: 10, occurredOn: "2025-01-01" }, // outside
        { movementType: "contraction", amount: -20, occurredOn: "2024-05-05" },
        { movementType: "churn", amount: -30, occurredOn: "2024-06-06" },
        { movementType: "new", amount: 70, occurredOn: "2024-02-02" },
      ],
      "2024-01-01",
      "2024-12-31",
    );
    expect(r.arr.upsell).toBe(1200);
    expect(r.arr.seat_growth).toBe(600);
    expect(r.arr.add_on).toBe(0);
    expect(r.arr.new).toBe(840);
    expect(r.expansionArr).toBe(1800);
    expect(r.arr.contraction).toBe(240);
    expect(r.lostArr).toBe(600);
    expect(r.movements).toBe(5);
  });
});

describe("churnRate", () => {
  it("counts starting customers with no revenue at period end", () => {
    expect(
      churnRate([
        { revenueStart: 10, revenueEnd: 0 },
        { revenueStart: 10, revenueEnd: 5 },
        { revenueStart: 10, revenueEnd: 12 },
        { revenueStart: 10, revenueEnd: 0 },
        { revenueStart: 0, revenueEnd: 0 },
      ]),
    ).toEqual({ rate: 50, churned: 2, accounts: 4 });
  });
});

describe("adoption metrics", () => {
  it("seat utilization is active users ÷ seats", () => {
    expect(seatUtilization(30, 40)).toBe(75);
    expect(seatUtilization(50, 40)).toBe(125);
    expect(seatUtilization(5, 0)).toBeNull();
  });
  it("feature breadth is features used ÷ purchased", () => {
    expect(featureBreadth(3, 12)).toBe(25);
    expect(featureBreadth(0, 0)).toBeNull();
  });
  it("adoption averages the months with seats", () => {
    expect(
      adoption([
        { activeUsers: 10, seats: 20 },
        { activeUsers: 20, seats: 20 },
        { activeUsers: 5, seats: 0 },
      ]),
    ).toBe(75);
    expect(adoption([])).toBeNull();
  });
});

describe("training metrics", () => {
  it("learners add up the new learners of each month", () => {
    expect(learners([2, 0, 3])).toBe(5);
  });
  it("seat coverage is learners ÷ seats", () => {
    expect(seatCoverage(5, 20)).toBe(25);
    expect(seatCoverage(5, 0)).toBeNull();
  });
  it("completion rate is completions ÷ starts", () => {
    expect(completionRate(3, 4)).toBe(75);
    expect(completionRate(0, 0)).toBeNull();
  });
  it("stage reached is the latest stage with a completed course", () => {
    expect(stageReached({ onboarding: 0, adoption: 0, expansion: 0 })).toBe("none");
    expect(stageReached({ onboarding: 2, adoption: 0, expansion: 0 })).toBe("onboarding");
    expect(stageReached({ onboarding: 0, adoption: 1, expansion: 0 })).toBe("adoption");
    expect(stageReached({ onboarding: 3, adoption: 1, expansion: 1 })).toBe("expansion");
  });
});
