import prand from "pure-rand";
import type { Db } from "#db/index";
import {
  accounts,
  featureUsageMonthly,
  lessonProgress,
  revenueMovements,
  subscriptionLines,
  users,
} from "#db/schema/index";
import { featuresForTier } from "#app/content/product-features";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { insertCourses } from "./customer-data";

/**
 * A synthetic customer base with a KNOWN training effect and confounding, standing in for issue 4's
 * generator until it lands: bigger segments train more AND grow more on their own, so a naive
 * trained-vs-untrained comparison overstates the effect and the segment × plan tier adjustment should
 * recover the planted one. Deterministic for a seed. Period of interest: 2025 (training happens in 2024).
 */
export interface PopulationOptions {
  accounts: number;
  seed: number;
  /** Extra base expansion (percentage points of starting MRR) for trained accounts. */
  expansionPct: number;
  /** Extra seat utilization (percentage points) for trained accounts during 2025. */
  adoptionPoints: number;
}

const SEGMENTS = [
  { segment: "smb", share: 0.5, tiers: ["Basic", "Pro"], seats: [8, 30], trainP: 0.2, growth: -0.02, util: 0.35 },
  { segment: "mid_market", share: 0.3, tiers: ["Pro"], seats: [40, 120], trainP: 0.5, growth: 0.06, util: 0.5 },
  { segment: "enterprise", share: 0.2, tiers: ["Enterprise"], seats: [150, 400], trainP: 0.8, growth: 0.2, util: 0.65 },
] as const;
const PRICE: Record<string, number> = { Basic: 20, Pro: 40, Enterprise: 70 };
const MONTHS_2024_2025 = Array.from(
  { length: 24 },
  (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`,
);

export async function buildPopulation(db: Db, opts: PopulationOptions) {
  let rng = prand.xoroshiro128plus(opts.seed);
  const u = () => {
    const [v, next] = prand.uniformIntDistribution(0, 1_000_000, rng);
    rng = next;
    return v / 1_000_000;
  };
  const normal = () => (u() + u() + u() + u() + u() + u() - 3) / Math.sqrt(0.5); // sd 1, bounded
  const between = (lo: number, hi: number) => Math.round(lo + u() * (hi - lo));

  await insertCourses(db, [
    { id: "pop-onboarding", stage: "onboarding", features: ["workspace", "dashboards"] },
    { id: "pop-adoption", stage: "adoption", features: ["alerts", "scheduled_reports"] },
  ]);
  const acctRows: (typeof accounts.$inferInsert)[] = [];
  const plans: {
    trained: boolean;
    seg: (typeof SEGMENTS)[number];
    tier: string;
    seats: number;
    mrr: number;
    churn: boolean;
    growth: number;
    util: number;
    trainedOn: string;
  }[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    const r = u();
    const seg =
      r < SEGMENTS[0].share ? SEGMENTS[0] : r < SEGMENTS[0].share + SEGMENTS[1].share ? SEGMENTS[1] : SEGMENTS[2];
    const tier = seg.tiers[Math.floor(u() * seg.tiers.length)]!;
    const seats = between(seg.seats[0], seg.seats[1]);
    const trained = u() < seg.trainP;
    const churn = u() < 0.04;
    plans.push({
      trained,
      seg,
      tier,
      seats,
      mrr: seats * PRICE[tier]!,
      churn,
      growth: seg.growth + 0.08 * normal() + (trained ? opts.expansionPct / 100 : 0),
      util: seg.util + 0.1 * normal(),
      trainedOn: `2024-${String(between(2, 11)).padStart(2, "0")}-${String(between(1, 28)).padStart(2, "0")}`,
    });
    acctRows.push({
      externalId: `POP-${opts.seed}-${i}`,
      name: `Population ${i}`,
      segment: seg.segment,
      planTier: tier,
      seats,
      country: i % 3 ? "US" : "DE",
      csmOwner: `CSM ${i % 4}`,
    });
  }
  const inserted: { id: string }[] = [];
  for (let i = 0; i < acctRows.length; i += 500)
    inserted.push(
      ...(await db
        .insert(accounts)
        .values(acctRows.slice(i, i + 500))
        .returning({ id: accounts.id })),
    );

  const lines: (typeof subscriptionLines.$inferInsert)[] = [];
  const movements: (typeof revenueMovements.$inferInsert)[] = [];
  const usage: (typeof featureUsageMonthly.$inferInsert)[] = [];
  const learners: (typeof users.$inferInsert)[] = [];
  const learnerPlan: { accountId: string; completedOn: string }[] = [];
  inserted.forEach(({ id }, i) => {
    const p = plans[i]!;
    const ext = `POP-${opts.seed}-${i}`;
    const changeOn = `2025-${String(between(2, 11)).padStart(2, "0")}-01`;
    if (p.churn) {
      lines.push({
        accountId: id,
        externalId: `${ext}-base`,
        mrr: p.mrr,
        seats: p.seats,
        plan: p.tier,
        startDate: "2023-06-01",
        endDate: changeOn,
      });
      movements.push({
        accountId: id,
        externalId: `${ext}-churn`,
        movementType: "churn",
        amount: -p.mrr,
        occurredOn: changeOn,
      });
    } else if (p.growth >= 0) {
      lines.push({
        accountId: id,
        externalId: `${ext}-base`,
        mrr: p.mrr,
        seats: p.seats,
        plan: p.tier,
        startDate: "2023-06-01",
      });
      const extra = Math.round(p.mrr * p.growth * 100) / 100;
      if (extra > 0) {
        lines.push({ accountId: id, externalId: `${ext}-up`, mrr: extra, seats: 0, plan: p.tier, startDate: changeOn });
        movements.push({
          accountId: id,
          externalId: `${ext}-up`,
          movementType: "upsell",
          amount: extra,
          occurredOn: changeOn,
        });
      }
    } else {
      const reduced = Math.round(p.mrr * (1 + p.growth) * 100) / 100;
      lines.push({
        accountId: id,
        externalId: `${ext}-base`,
        mrr: p.mrr,
        seats: p.seats,
        plan: p.tier,
        startDate: "2023-06-01",
        endDate: changeOn,
      });
      lines.push({
        accountId: id,
        externalId: `${ext}-down`,
        mrr: reduced,
        seats: p.seats,
        plan: p.tier,
        startDate: changeOn,
      });
      movements.push({
        accountId: id,
        externalId: `${ext}-down`,
        movementType: "contraction",
        amount: reduced - p.mrr,
        occurredOn: changeOn,
      });
    }
    const lastMonth = p.churn ? changeOn : "2025-12-01";
    for (const month of MONTHS_2024_2025) {
      if (month >= lastMonth && p.churn) break;
      const lift = p.trained && month >= "2025-01-01" ? opts.adoptionPoints / 100 : 0;
      const active = Math.max(0, Math.min(p.seats, Math.round(p.seats * (p.util + lift))));
      usage.push({ accountId: id, month, featureKey: "dashboards", activeUsers: active, events: active * 20 });
      for (const f of featuresForTier(p.tier).slice(0, 3))
        if (f !== "dashboards")
          usage.push({ accountId: id, month, featureKey: f, activeUsers: Math.round(active / 2), events: active * 5 });
    }
    if (p.trained) {
      const n = Math.max(1, Math.round(p.seats / 20));
      for (let k = 0; k < n; k++) {
        learners.push({ email: `${ext}-l${k}@pop.test`, name: `Learner ${k}`, accountId: id });
        learnerPlan.push({ accountId: id, completedOn: p.trainedOn });
      }
    }
  });
  // One customer won in December 2025, so revenue data covers the whole of 2025 (the report refuses
  // months revenue data does not cover). Not a customer at 2025-01-01: outside every cohort.
  const [newcomer] = await db
    .insert(accounts)
    .values({
      externalId: `POP-${opts.seed}-new`,
      name: "Population newcomer",
      segment: "smb",
      planTier: "Basic",
      seats: 5,
      country: "US",
      csmOwner: "CSM 0",
    })
    .returning({ id: accounts.id });
  lines.push({
    accountId: newcomer!.id,
    externalId: `POP-${opts.seed}-new`,
    mrr: 100,
    seats: 5,
    plan: "Basic",
    startDate: "2025-12-01",
  });
  movements.push({
    accountId: newcomer!.id,
    externalId: `POP-${opts.seed}-new`,
    movementType: "new",
    amount: 100,
    occurredOn: "2025-12-01",
  });
  inserted.push(newcomer!);
  for (let i = 0; i < lines.length; i += 1000) await db.insert(subscriptionLines).values(lines.slice(i, i + 1000));
  for (let i = 0; i < movements.length; i += 1000)
    await db.insert(revenueMovements).values(movements.slice(i, i + 1000));
  for (let i = 0; i < usage.length; i += 2000) await db.insert(featureUsageMonthly).values(usage.slice(i, i + 2000));
  const userIds: { id: string }[] = [];
  for (let i = 0; i < learners.length; i += 500)
    userIds.push(
      ...(await db
        .insert(users)
        .values(learners.slice(i, i + 500))
        .returning({ id: users.id })),
    );
  const progress: (typeof lessonProgress.$inferInsert)[] = [];
  userIds.forEach(({ id }, k) => {
    const plan = learnerPlan[k]!;
    const at = new Date(`${plan.completedOn}T12:00:00Z`);
    for (const courseId of ["pop-onboarding", "pop-adoption"]) {
      for (const l of [1, 2])
        progress.push({
          userId: id,
          accountId: plan.accountId,
          lessonId: `${courseId}-l${l}`,
          courseId,
          status: "completed",
          startedAt: at,
          completedAt: at,
        });
    }
  });
  for (let i = 0; i < progress.length; i += 2000) await db.insert(lessonProgress).values(progress.slice(i, i + 2000));
  await refreshAccountMonths(
    db,
    inserted.map((a) => a.id),
  );
  return {
    planted: { expansionPct: opts.expansionPct, adoptionPoints: opts.adoptionPoints },
    accountIds: inserted.map((a) => a.id),
    trained: plans.filter((p) => p.trained).length,
  };
}
