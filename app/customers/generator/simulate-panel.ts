/**
 * The generator's accounts simulated in memory and turned into the impact design's panel through the
 * same rollup arithmetic the database path uses (app/analytics/rollups/compute.ts), without writing a
 * row. Simulating the same accounts once with the planted effects and once without gives every treated
 * account both potential outcomes: the truth of each estimand (validation harness, npm run validate:impact).
 */
import { featuresForTier } from "#app/content/product-features";
import { DEFAULT_HEALTH_WEIGHTS } from "#app/analytics/health";
import { accountMonthSpan, buildAccountMonths, type AccountRollupFacts } from "#app/analytics/rollups/compute";
import { addMonths, monthOf, monthRange, monthsBetween } from "#app/analytics/months";
import { courseAdoptionSeries, panelAccount, type Panel, type PanelAccount } from "#app/analytics/impact/panel";
import { monthStarts, newAccount, simulateAccount, type AccountRows, type CourseShape, type World } from "./plan";
import type { Effects } from "./profile";

export interface SimulationOptions {
  accounts: number;
  months: number;
  seed: number;
  endDate?: string;
  effects: Effects;
  courses: CourseShape[];
  /** Share of the window in which accounts get trained (World.trainingWindow; the demo's differs). */
  trainingWindow?: number;
}

const isoDay = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Panel of `accounts` generated accounts (and their per-course feature adoption) under these effects. */
export function simulatePanel(opts: SimulationOptions): Panel {
  const endDate = opts.endDate ?? "2026-10-31";
  const world: World = {
    seed: opts.seed,
    months: monthStarts(endDate, opts.months),
    effects: opts.effects,
    courses: opts.courses,
    trainingWindow: opts.trainingWindow,
  };
  const last = world.months[world.months.length - 1]!;
  // Revenue of accounts signed up before the window starts up to 24 months earlier.
  const months = monthRange(addMonths(world.months[0]!, -25), last);
  const usageMonths: [number, number] = [monthsBetween(months[0]!, world.months[0]!), months.length - 1];
  const accounts: PanelAccount[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    const seed = newAccount(world, i);
    const rows = simulateAccount(world, seed, i);
    const { facts, usageByFeature } = toFacts(seed.id, seed.tier, rows);
    const span = accountMonthSpan(facts, last);
    const monthRows = span ? buildAccountMonths(facts, monthRange(span.first, span.last)) : [];
    // Learners finish every lesson of a course they take, so its first completion month is recorded.
    const courses = new Map([...rows.courseMonths].map(([id, m]) => [id, world.months[m]!]));
    const firstAny = [...courses.values()].sort()[0] ?? null;
    const account = panelAccount(
      {
        id: seed.id,
        segment: seed.segment,
        csm: String(seed.row.csmOwner),
        trainedOn: firstAny,
        rows: monthRows,
        courses,
      },
      months,
      { weights: DEFAULT_HEALTH_WEIGHTS, usageMonths },
    );
    account.courseAdoption = courseAdoptionSeries(
      usageByFeature,
      monthRows,
      months,
      usageMonths,
      opts.courses,
      featuresForTier(seed.tier),
    );
    accounts.push(account);
  }
  return { months, accounts };
}

/**
 * The rollup's input facts from simulated rows (what refresh.server.ts loads from the tables), and
 * each month's active users per feature (the panel's per-course adoption series).
 */
function toFacts(
  id: string,
  tier: string,
  rows: AccountRows,
): { facts: AccountRollupFacts; usageByFeature: Map<string, Map<string, number>> } {
  const usageByFeature = new Map<string, Map<string, number>>();
  const f: AccountRollupFacts = {
    account: { id, seats: null, planTier: tier },
    lines: [],
    usage: new Map(),
    tickets: new Map(),
    feedback: new Map(),
    community: new Map(),
    marketing: new Map(),
    training: new Map(),
    courseCompletions: [],
    otherFactMonths: [],
  };
  for (const l of rows.lines)
    f.lines.push({
      mrr: Number(l.mrr),
      seats: Number(l.seats),
      startDate: String(l.startDate),
      endDate: (l.endDate as string | null) ?? null,
      plan: String(l.plan),
      features: l.features as string[],
    });
  for (const u of rows.usage) {
    const m = monthOf(isoDay(u.usageDate));
    const au = Number(u.activeUsers),
      ev = Number(u.events),
      key = String(u.featureKey);
    const cur = f.usage.get(m) ?? { activeUsers: 0, events: 0, features: [] };
    cur.activeUsers = Math.max(cur.activeUsers, au);
    cur.events += ev;
    if (ev > 0 || au > 0) cur.features.push(key);
    f.usage.set(m, cur);
    const byFeature = usageByFeature.get(m) ?? new Map<string, number>();
    byFeature.set(key, Math.max(byFeature.get(key) ?? 0, au));
    usageByFeature.set(m, byFeature);
  }
  for (const t of rows.tickets) {
    const m = monthOf(isoDay(t.openedAt));
    const cur = f.tickets.get(m) ?? { opened: 0, escalated: 0 };
    cur.opened++;
    if (t.escalated) cur.escalated++;
    f.tickets.set(m, cur);
  }
  for (const r of rows.feedback) {
    const m = monthOf(isoDay(r.respondedOn));
    const score = r.kind === "csat" ? (Number(r.score) - 1) * 25 : Number(r.score) * 10;
    const cur = f.feedback.get(m);
    f.feedback.set(
      m,
      cur
        ? { score: (cur.score * cur.responses + score) / (cur.responses + 1), responses: cur.responses + 1 }
        : { score, responses: 1 },
    );
  }
  for (const r of rows.community) {
    const m = monthOf(isoDay(r.occurredOn));
    f.community.set(m, (f.community.get(m) ?? 0) + Number(r.count));
  }
  for (const r of rows.marketing) {
    const m = monthOf(isoDay(r.occurredOn));
    f.marketing.set(m, (f.marketing.get(m) ?? 0) + Number(r.count));
  }
  for (const mv of rows.movements) {
    const on = String(mv.occurredOn);
    f.otherFactMonths.push(monthOf(on));
  }
  return { facts: f, usageByFeature };
}
