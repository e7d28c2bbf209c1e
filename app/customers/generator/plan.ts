import { Rng, subSeed } from "./random";
import { courseFeatureLift, recordCourseMonth, type CourseMonths } from "./course-effects";
import {
  CSMS,
  COUNTRIES,
  EXPANSIONS,
  INDUSTRIES,
  PRICE_PER_SEAT,
  SEGMENTS,
  tierFeatures,
  type Effects,
} from "./profile";
import { detUuid, type CourseShape, type LearningRows } from "./learning";
import { simulateLearners } from "./learners";
import { companyIdentity } from "./people";

export { type CourseShape, type QuizShape } from "./learning";
export interface AccountSeed {
  id: string;
  externalId: string;
  domain: string;
  segment: string;
  tier: string;
  seats: number;
  signupMonth: number;
}

/** maxLearners caps learners per trained account (default 60; the demo keeps it small so a bigger demo loads fast). */
export interface World {
  seed: number;
  months: string[];
  effects: Effects;
  courses: CourseShape[];
  maxLearners?: number;
  /** Share of the window in which accounts get trained (default 0.6: the last training months leave a year to watch). */
  trainingWindow?: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayIn = (month: string, day: number) =>
  `${month.slice(0, 8)}${String(Math.min(28, Math.max(1, day))).padStart(2, "0")}`;
const at = (month: string, day: number, hour = 10) =>
  new Date(`${dayIn(month, day)}T${String(hour).padStart(2, "0")}:00:00Z`);

/** Month starts (YYYY-MM-01) of the M months ending with endDate's month. */
export function monthStarts(endDate: string, months: number): string[] {
  const end = new Date(`${endDate.slice(0, 7)}-01T00:00:00Z`);
  return Array.from({ length: months }, (_, k) =>
    iso(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1 - k), 1))),
  );
}

/** A new synthetic account (segment drives size, tier, training propensity and base rates). */
export function newAccount(world: World, index: number): AccountSeed & { row: Record<string, unknown> } {
  const rng = new Rng(subSeed(world.seed, index));
  const seg = rng.weighted(SEGMENTS.map((s) => [s, s.weight] as const));
  const tier = rng.weighted(seg.tiers);
  const seats = rng.int(seg.seats[0], seg.seats[1]);
  const joinsDuring = rng.chance(0.25);
  const signupMonth = joinsDuring ? rng.int(1, Math.max(1, world.months.length - 3)) : -rng.int(1, 24);
  const externalId = `GEN-${world.seed}-${String(index).padStart(5, "0")}`;
  // Names come from their own seeded stream: the account's other draws stay as they were.
  const { name, domain } = companyIdentity(subSeed(world.seed ^ 0x27d4eb2f, index));
  const first = new Date(`${world.months[0]}T00:00:00Z`);
  const signup = iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + signupMonth, rng.int(1, 28))));
  const id = detUuid(world.seed, "account", index);
  return {
    id,
    externalId,
    domain,
    segment: seg.key,
    tier,
    seats,
    signupMonth,
    row: {
      id,
      externalId,
      name,
      emailDomains: [domain],
      segment: seg.key,
      planTier: tier,
      industry: rng.pick(INDUSTRIES),
      country: rng.pick(COUNTRIES),
      csmOwner: rng.pick(CSMS),
      signupDate: signup,
      seats,
    },
  };
}

export interface AccountRows extends LearningRows {
  accountUpdate: { status: string; churnDate: string | null; lifecycleStage: string; renewalDate: string };
  users: Record<string, unknown>[];
  lines: Record<string, unknown>[];
  movements: Record<string, unknown>[];
  usage: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  feedback: Record<string, unknown>[];
  community: Record<string, unknown>[];
  marketing: Record<string, unknown>[];
  trained: boolean;
  trainingMonth: number | null;
  /** First completion month (index) of each course at this account. */
  courseMonths: CourseMonths;
}

/** Everything that happens to one account over the window, as rows ready to insert. */
export function simulateAccount(
  world: World,
  a: AccountSeed,
  index: number,
  opts: { existing?: boolean } = {},
): AccountRows {
  const rng = new Rng(subSeed(world.seed ^ 0x5bd1e995, index));
  const seg = SEGMENTS.find((s) => s.key === a.segment) ?? SEGMENTS[0];
  const M = world.months.length;
  const startMonth = Math.max(0, a.signupMonth);
  const trained = rng.chance(seg.trainProb) && startMonth < M - 2;
  const trainingMonth = trained
    ? rng.int(startMonth, Math.max(startMonth, Math.floor(M * (world.trainingWindow ?? 0.6))))
    : null;
  const isTrained = (k: number) => trainingMonth !== null && k >= trainingMonth;
  const out: AccountRows = {
    accountUpdate: { status: "active", churnDate: null, lifecycleStage: "onboarding", renewalDate: "" },
    users: [],
    progress: [],
    events: [],
    certificates: [],
    attempts: [],
    lessonFeedback: [],
    surveys: [],
    lines: [],
    movements: [],
    usage: [],
    tickets: [],
    feedback: [],
    community: [],
    marketing: [],
    trained,
    trainingMonth,
    courseMonths: new Map(),
  };

  // Learners, their progress, quiz attempts, ratings and surveys (a random stream of their own).
  const learning = simulateLearners(world, a, index, { trainingMonth, startMonth });
  Object.assign(out, learning.rows, { users: learning.users });
  // A course's own planted effect starts in the month the account's first learner completes it.
  for (const c of out.certificates as { courseId: string; issuedAt: Date }[]) {
    const month = world.months.findIndex((m) => m.slice(0, 7) === c.issuedAt.toISOString().slice(0, 7));
    if (month >= 0) recordCourseMonth(out.courseMonths, c.courseId, month);
  }

  // Revenue: one line per MRR change, so revenue at D = sum of lines active at D.
  const price = PRICE_PER_SEAT[a.tier] ?? 30;
  const signupDate = at(world.months[startMonth]!, 1);
  const lineStart =
    a.signupMonth < 0
      ? new Date(Date.UTC(signupDate.getUTCFullYear(), signupDate.getUTCMonth() + a.signupMonth, 5))
      : signupDate;
  let n = 0;
  const active: { id: string; mrr: number; product: string }[] = [];
  const addLine = (product: string, mrr: number, seats: number, start: Date) => {
    const ext = `${a.externalId}-L${++n}`;
    const row = {
      id: detUuid(world.seed, "line", ext),
      accountId: a.id,
      externalId: ext,
      product,
      plan: a.tier,
      seats,
      mrr: Math.round(mrr * 100) / 100,
      startDate: iso(start),
      endDate: null as string | null,
      billingFrequency: "monthly",
      features: tierFeatures(a.tier),
    };
    out.lines.push(row);
    active.push({ id: ext, mrr: row.mrr, product });
    return row;
  };
  const move = (type: string, amount: number, date: Date, sub?: string) =>
    out.movements.push({
      accountId: a.id,
      externalId: `${a.externalId}-M${out.movements.length + 1}`,
      movementType: type,
      amount: Math.round(amount * 100) / 100,
      occurredOn: iso(date),
      subscriptionExternalId: sub ?? null,
    });
  const core = addLine("core", a.seats * price, a.seats, lineStart);
  move("new", core.mrr, lineStart, core.externalId);
  let churned = false;
  let expanded = false;
  for (let k = startMonth + 1; k < M && !churned; k++) {
    const when = at(world.months[k]!, rng.int(2, 26));
    const total = active.reduce((s, l) => s + l.mrr, 0);
    const trainedNow = isTrained(k - 1);
    // Hand-made (demo) accounts never churn in the simulation: their story is told by the demo seed.
    if (!opts.existing && rng.chance(seg.churnProb * (trainedNow ? 1 - world.effects.churnReductionPct / 100 : 1))) {
      for (const l of active) out.lines.find((r) => r.externalId === l.id)!.endDate = iso(when);
      move("churn", -total, when);
      out.accountUpdate.status = "churned";
      out.accountUpdate.churnDate = iso(when);
      churned = true;
      break;
    }
    if (rng.chance(seg.expansionProb * (trainedNow ? 1 + world.effects.expansionPct / 100 : 1))) {
      const [type, product] = rng.weighted(EXPANSIONS.map(([t, p, w]) => [[t, p] as const, w] as const));
      const share = {
        seat_growth: [0.05, 0.25],
        upsell: [0.2, 0.45],
        cross_sell: [0.1, 0.3],
        add_on: [0.05, 0.15],
        usage_growth: [0.03, 0.1],
      }[type];
      const amount = total * (share[0] + rng.float() * (share[1] - share[0]));
      const line = addLine(product, amount, type === "seat_growth" ? Math.max(1, Math.round(amount / price)) : 0, when);
      move(type, line.mrr, when, line.externalId);
      expanded = true;
    } else if (active.length > 1 && rng.chance(0.01)) {
      const dropped = active.pop()!;
      out.lines.find((r) => r.externalId === dropped.id)!.endDate = iso(when);
      move("contraction", -dropped.mrr, when, dropped.id);
    }
  }
  const tenure = M - startMonth;
  out.accountUpdate.lifecycleStage = expanded ? "expansion" : tenure > 6 ? "adoption" : "onboarding";
  const renewal = new Date(lineStart);
  while (renewal < at(world.months[M - 1]!, 28)) renewal.setUTCFullYear(renewal.getUTCFullYear() + 1);
  out.accountUpdate.renewalDate = iso(renewal);

  // Monthly product usage per purchased feature, lifted by training; health signals alongside.
  const features = tierFeatures(a.tier);
  const affinity = features.map(() => rng.normal(0, 0.08));
  // Product fit: some accounts use most of their seats, others few, whatever their segment. Drawn from
  // a stream of its own so every other generated value stays as it was before fit existed.
  const fit = new Rng(subSeed(world.seed ^ 0x2545f491, index)).normal(0, 0.15);
  const lastMonth = churned
    ? out.accountUpdate.churnDate
      ? world.months.findIndex((m) => m.slice(0, 7) === out.accountUpdate.churnDate!.slice(0, 7))
      : M - 1
    : M - 1;
  for (let k = startMonth; k <= lastMonth; k++) {
    const month = world.months[k]!;
    const trainedNow = isTrained(k);
    const lift = trainedNow ? world.effects.healthSignals : 0; // training's pull on breadth and health signals
    features.forEach((feature, f) => {
      const usedProb = Math.min(0.97, 0.55 + seg.baseAdoption * 0.5 + 0.15 * lift - f * 0.02);
      if (!rng.chance(usedProb)) return;
      const adoption = Math.max(
        0.01,
        Math.min(
          1,
          seg.baseAdoption +
            fit +
            affinity[f]! -
            f * 0.015 +
            rng.normal(0, 0.05) +
            (trainedNow ? world.effects.adoptionPoints / 100 : 0) +
            courseFeatureLift(world.effects.courseAdoption, world.courses, out.courseMonths, feature, k),
        ),
      );
      const users = Math.max(1, Math.round(a.seats * adoption));
      out.usage.push({
        accountId: a.id,
        externalId: `${a.externalId}-U-${feature}-${month.slice(0, 7)}`,
        usageDate: month,
        featureKey: feature,
        activeUsers: users,
        events: users * rng.int(5, 40),
        durationSeconds: users * rng.int(300, 3600),
      });
    });
    const tickets = Math.min(8, rng.poisson(Math.max(0.2, a.seats / 80) * (1 - 0.3 * lift)));
    for (let t = 0; t < tickets; t++) {
      const opened = at(month, rng.int(1, 27), rng.int(8, 18));
      const hours = Math.round(rng.float() * (48 - 18 * lift) * 10) / 10 + 1;
      out.tickets.push({
        accountId: a.id,
        externalId: `${a.externalId}-T${k}-${t}`,
        openedAt: opened,
        closedAt: new Date(opened.getTime() + hours * 3600_000),
        priority: rng.weighted([
          ["low", 4],
          ["medium", 4],
          ["high", 2],
          ["urgent", 1],
        ] as const),
        resolutionHours: hours,
        firstResponseMinutes: rng.int(5, 240),
        satisfaction: Math.min(5, Math.max(1, Math.round(rng.normal(3.6 + 0.6 * lift, 0.8)))),
        escalated: rng.chance(0.08),
      });
    }
    if (k % 3 === 0)
      out.feedback.push({
        accountId: a.id,
        externalId: `${a.externalId}-N${k}`,
        respondedOn: dayIn(month, rng.int(5, 25)),
        kind: "nps",
        score: Math.min(10, Math.max(0, Math.round(rng.normal(6.8 + 1.2 * lift, 1.8)))),
      });
    const posts = rng.poisson(0.5 + 1.5 * lift);
    if (posts)
      out.community.push({
        accountId: a.id,
        externalId: `${a.externalId}-C${k}`,
        occurredOn: dayIn(month, rng.int(1, 28)),
        activityType: "post",
        count: posts,
      });
    const touches = rng.poisson(1 + 0.6 * lift);
    if (touches)
      out.marketing.push({
        accountId: a.id,
        externalId: `${a.externalId}-E${k}`,
        occurredOn: dayIn(month, rng.int(1, 28)),
        channel: rng.pick(["email", "webinar", "event", "content"] as const),
        engagementType: "engaged",
        count: touches,
      });
  }
  return out;
}
