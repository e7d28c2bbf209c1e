import type { AccountView } from "./accounts";

export const READY_MIN_UTILIZATION = 80;
export const FALLING_HEALTH_POINTS = 10;

export interface ListedAccount {
  id: string;
  name: string;
  segment: string | null;
  planTier: string | null;
  csm: string | null;
  revenue: number;
  health: number | null;
  band: string | null;
  utilization: number | null;
  reasons: string[];
}

function sixMonthsBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString().slice(0, 10);
}

function listed(v: AccountView, reasons: string[]): ListedAccount {
  return {
    id: v.id,
    name: v.name,
    segment: v.segment,
    planTier: v.planTier,
    csm: v.csm,
    revenue: v.revenueEnd,
    health: v.health?.score ?? null,
    band: v.health?.band ?? null,
    utilization: v.utilizationEnd,
    reasons,
  };
}

/**
 * Customers at period end with green health, seat utilization of at least 80%, an adoption-stage course completed, and no expansion movement in the 6 months before period end.
 */
export function readyForExpansion(views: readonly AccountView[], to: string): ListedAccount[] {
  const since = sixMonthsBefore(to);
  return views
    .filter(
      (v) =>
        v.customerAtEnd &&
        v.health?.band === "green" &&
        (v.utilizationEnd ?? 0) >= READY_MIN_UTILIZATION &&
        v.completions.adoption > 0 &&
        !(v.lastExpansionOn !== null && v.lastExpansionOn > since),
    )
    .map((v) =>
      listed(v, [
        `Health ${v.health!.score} (green)`,
        `${Math.round(v.utilizationEnd!)}% of seats active`,
        `${v.completions.adoption} adoption course completion${v.completions.adoption === 1 ? "" : "s"}`,
        v.lastExpansionOn ? `Last expansion ${v.lastExpansionOn}` : "No expansion on record",
      ]),
    )
    .sort((a, b) => b.revenue - a.revenue || a.name.localeCompare(b.name));
}

/**
 * Customers at period end whose health is red or fell by 10 points or more over 3 months, and who also have rising support cases (last 3 months more than the 3 before) or no training activity in the last 3 months.
 */
export function atRisk(views: readonly AccountView[]): ListedAccount[] {
  const out: ListedAccount[] = [];
  for (const v of views) {
    if (!v.customerAtEnd || !v.health || v.health.score === null) continue;
    const red = v.health.band === "red";
    const drop = v.healthEarlier !== null ? v.healthEarlier - v.health.score : 0;
    const falling = drop >= FALLING_HEALTH_POINTS;
    if (!red && !falling) continue;
    const risingSupport = v.ticketsLast3 > v.ticketsPrev3;
    const noTraining = v.lessonsLast3 === 0;
    if (!risingSupport && !noTraining) continue;
    const reasons: string[] = [];
    if (red) reasons.push(`Health ${v.health.score} (red)`);
    if (falling) reasons.push(`Health fell ${Math.round(drop)} points in 3 months`);
    if (risingSupport) reasons.push(`Support cases up: ${v.ticketsPrev3} → ${v.ticketsLast3}`);
    if (noTraining) reasons.push("No lessons completed in 3 months");
    out.push(listed(v, reasons));
  }
  return out.sort(
    (a, b) => b.reasons.length - a.reasons.length || b.revenue - a.revenue || a.name.localeCompare(b.name),
  );
}

/**
 * Customers at period end whose learners completed lessons before (any course completion on record) but none in the last 3 months.
 */
export function trainingStalled(views: readonly AccountView[]): ListedAccount[] {
  return views
    .filter(
      (v) =>
        v.customerAtEnd &&
        v.lessonsLast3 === 0 &&
        v.completions.onboarding + v.completions.adoption + v.completions.expansion > 0,
    )
    .map((v) => listed(v, [`No lessons completed in 3 months`, `${v.learners} learner${v.learners === 1 ? "" : "s"}`]))
    .sort((a, b) => b.revenue - a.revenue || a.name.localeCompare(b.name));
}
