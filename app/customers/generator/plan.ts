import crypto from "node:crypto";
import { Rng, subSeed } from "./random";
import { courseFeatureLift, recordCourseMonth, type CourseMonths } from "./course-effects";
import { CSMS, COUNTRIES, EXPANSIONS, INDUSTRIES, NAME_A, NAME_B, PRICE_PER_SEAT, SEGMENTS, tierFeatures, type Effects } from "./profile";

/** A quiz as the generator needs it: which options are right, and the pass mark. */
export interface QuizShape { passMark: number; questions: { id: string; right: string[]; wrong: string[] }[] }
/** A published course's lessons in order; quizzes keyed by lesson id (a quiz lesson completes only after a pass). */
export interface CourseShape { id: string; stage: string; lessonIds: string[]; quizzes?: Record<string, QuizShape>; features?: string[] }
export interface AccountSeed { id: string; externalId: string; domain: string; segment: string; tier: string; seats: number; signupMonth: number }

/** Deterministic UUID from the seed and a path of keys (so same seed → identical rows, ids included). */
export function detUuid(...parts: (string | number)[]): string {
  const h = crypto.createHash("sha1").update(parts.join("/")).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export interface World { seed: number; months: string[]; effects: Effects; courses: CourseShape[] }

const iso = (d: Date) => d.toISOString().slice(0, 10);
const dayIn = (month: string, day: number) => `${month.slice(0, 8)}${String(Math.min(28, Math.max(1, day))).padStart(2, "0")}`;
const at = (month: string, day: number, hour = 10) => new Date(`${dayIn(month, day)}T${String(hour).padStart(2, "0")}:00:00Z`);

/** Month starts (YYYY-MM-01) of the M months ending with endDate's month. */
export function monthStarts(endDate: string, months: number): string[] {
  const end = new Date(`${endDate.slice(0, 7)}-01T00:00:00Z`);
  return Array.from({ length: months }, (_, k) => iso(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1 - k), 1))));
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
  const name = `${rng.pick(NAME_A)} ${rng.pick(NAME_B)} ${index}`;
  const domain = `gen${world.seed}-${index}.example`;
  const first = new Date(`${world.months[0]}T00:00:00Z`);
  const signup = iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + signupMonth, rng.int(1, 28))));
  const id = detUuid(world.seed, "account", index);
  return {
    id, externalId, domain, segment: seg.key, tier, seats, signupMonth,
    row: { id, externalId, name, emailDomains: [domain], segment: seg.key, planTier: tier, industry: rng.pick(INDUSTRIES), country: rng.pick(COUNTRIES), csmOwner: rng.pick(CSMS), signupDate: signup, seats },
  };
}

export interface AccountRows {
  attempts: Record<string, unknown>[];
  accountUpdate: { status: string; churnDate: string | null; lifecycleStage: string; renewalDate: string };
  users: Record<string, unknown>[]; progress: Record<string, unknown>[]; events: Record<string, unknown>[]; certificates: Record<string, unknown>[];
  lines: Record<string, unknown>[]; movements: Record<string, unknown>[]; usage: Record<string, unknown>[];
  tickets: Record<string, unknown>[]; feedback: Record<string, unknown>[]; community: Record<string, unknown>[]; marketing: Record<string, unknown>[];
  trained: boolean; trainingMonth: number | null;
  /** First completion month (index) of each course at this account. */
  courseMonths: CourseMonths;
}

/** Everything that happens to one account over the window, as rows ready to insert. */
export function simulateAccount(world: World, a: AccountSeed, index: number, opts: { existing?: boolean } = {}): AccountRows {
  const rng = new Rng(subSeed(world.seed ^ 0x5bd1e995, index));
  const seg = SEGMENTS.find((s) => s.key === a.segment) ?? SEGMENTS[0];
  const M = world.months.length;
  const startMonth = Math.max(0, a.signupMonth);
  const trained = rng.chance(seg.trainProb) && startMonth < M - 2;
  const trainingMonth = trained ? rng.int(startMonth, Math.max(startMonth, Math.floor(M * 0.6))) : null;
  const isTrained = (k: number) => trainingMonth !== null && k >= trainingMonth;
  const out: AccountRows = { accountUpdate: { status: "active", churnDate: null, lifecycleStage: "onboarding", renewalDate: "" }, users: [], progress: [], events: [], certificates: [], attempts: [], lines: [], movements: [], usage: [], tickets: [], feedback: [], community: [], marketing: [], trained, trainingMonth, courseMonths: new Map() };

  // Learners and their progress: trained accounts complete courses from the training month on.
  const learnerCount = trained ? Math.min(60, Math.max(2, Math.round(a.seats * (0.15 + rng.float() * 0.25)))) : rng.chance(0.4) ? rng.int(1, 3) : 0;
  const byStage = (stage: string) => world.courses.filter((c) => c.stage === stage && c.lessonIds.length);
  for (let j = 0; j < learnerCount; j++) {
    const userId = detUuid(world.seed, "learner", a.id, j);
    out.users.push({ id: userId, email: `learner${j}@${a.domain}`, name: `Learner ${j + 1} of ${a.externalId}`, role: "learner", accountId: a.id });
    const firstCourse = byStage("onboarding")[0];
    if (!trained || trainingMonth === null) {
      if (firstCourse) {
        const started = at(world.months[Math.min(M - 1, startMonth + rng.int(0, 2))]!, rng.int(1, 28));
        out.progress.push({ userId, accountId: a.id, lessonId: firstCourse.lessonIds[0], courseId: firstCourse.id, status: "started", startedAt: started, updatedAt: started, timeSpentSeconds: rng.int(30, 300) });
        out.events.push({ userId, accountId: a.id, verb: "started", objectType: "lesson", objectId: firstCourse.lessonIds[0], occurredAt: started });
      }
      continue;
    }
    const plan: [string, number, number][] = [["onboarding", 0.9, 0], ["adoption", 0.6, 1], ["expansion", 0.25, 3]];
    for (const [stage, p, delay] of plan) {
      for (const course of byStage(stage)) {
        if (!rng.chance(p)) continue;
        const month = Math.min(M - 1, trainingMonth + delay + rng.int(0, 1));
        recordCourseMonth(out.courseMonths, course.id, month);
        let day = rng.int(1, 20);
        for (const lessonId of course.lessonIds) {
          const done = at(world.months[month]!, day, 9 + rng.int(0, 8));
          const spent = rng.int(120, 900);
          const quiz = course.quizzes?.[lessonId];
          if (quiz) quizAttempts(rng, quiz, { userId, accountId: a.id, lessonId }, new Date(done.getTime() - 60_000), out);
          out.progress.push({ userId, accountId: a.id, lessonId, courseId: course.id, status: "completed", startedAt: new Date(done.getTime() - spent * 1000), completedAt: done, updatedAt: done, timeSpentSeconds: spent });
          out.events.push({ userId, accountId: a.id, verb: "completed", objectType: "lesson", objectId: lessonId, result: { completion: true }, occurredAt: done });
          day = Math.min(28, day + rng.int(0, 2));
        }
        out.certificates.push({ id: detUuid(world.seed, "cert", userId, course.id), code: detUuid(world.seed, "code", userId, course.id).replace(/-/g, "").slice(0, 20).toUpperCase(), userId, accountId: a.id, courseId: course.id, issuedAt: at(world.months[month]!, Math.min(28, day)) });
      }
    }
  }

  // Revenue: one line per MRR change, so revenue at D = sum of lines active at D.
  const price = PRICE_PER_SEAT[a.tier] ?? 30;
  const signupDate = at(world.months[startMonth]!, 1);
  const lineStart = a.signupMonth < 0 ? new Date(Date.UTC(signupDate.getUTCFullYear(), signupDate.getUTCMonth() + a.signupMonth, 5)) : signupDate;
  let n = 0;
  const active: { id: string; mrr: number; product: string }[] = [];
  const addLine = (product: string, mrr: number, seats: number, start: Date) => {
    const ext = `${a.externalId}-L${++n}`;
    const row = { id: detUuid(world.seed, "line", ext), accountId: a.id, externalId: ext, product, plan: a.tier, seats, mrr: Math.round(mrr * 100) / 100, startDate: iso(start), endDate: null as string | null, billingFrequency: "monthly", features: tierFeatures(a.tier) };
    out.lines.push(row);
    active.push({ id: ext, mrr: row.mrr, product });
    return row;
  };
  const move = (type: string, amount: number, date: Date, sub?: string) => out.movements.push({ accountId: a.id, externalId: `${a.externalId}-M${out.movements.length + 1}`, movementType: type, amount: Math.round(amount * 100) / 100, occurredOn: iso(date), subscriptionExternalId: sub ?? null });
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
      const share = { seat_growth: [0.05, 0.25], upsell: [0.2, 0.45], cross_sell: [0.1, 0.3], add_on: [0.05, 0.15], usage_growth: [0.03, 0.1] }[type];
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
  const lastMonth = churned ? (out.accountUpdate.churnDate ? world.months.findIndex((m) => m.slice(0, 7) === out.accountUpdate.churnDate!.slice(0, 7)) : M - 1) : M - 1;
  for (let k = startMonth; k <= lastMonth; k++) {
    const month = world.months[k]!;
    const trainedNow = isTrained(k);
    const lift = trainedNow ? world.effects.healthSignals : 0; // training's pull on breadth and health signals
    features.forEach((feature, f) => {
      const usedProb = Math.min(0.97, 0.55 + seg.baseAdoption * 0.5 + 0.15 * lift - f * 0.02);
      if (!rng.chance(usedProb)) return;
      const adoption = Math.max(0.01, Math.min(1, seg.baseAdoption + fit + affinity[f]! - f * 0.015 + rng.normal(0, 0.05) + (trainedNow ? world.effects.adoptionPoints / 100 : 0)
        + courseFeatureLift(world.effects.courseAdoption, world.courses, out.courseMonths, feature, k)));
      const users = Math.max(1, Math.round(a.seats * adoption));
      out.usage.push({ accountId: a.id, externalId: `${a.externalId}-U-${feature}-${month.slice(0, 7)}`, usageDate: month, featureKey: feature, activeUsers: users, events: users * rng.int(5, 40), durationSeconds: users * rng.int(300, 3600) });
    });
    const tickets = Math.min(8, rng.poisson(Math.max(0.2, a.seats / 80) * (1 - 0.3 * lift)));
    for (let t = 0; t < tickets; t++) {
      const opened = at(month, rng.int(1, 27), rng.int(8, 18));
      const hours = Math.round(rng.float() * (48 - 18 * lift) * 10) / 10 + 1;
      out.tickets.push({ accountId: a.id, externalId: `${a.externalId}-T${k}-${t}`, openedAt: opened, closedAt: new Date(opened.getTime() + hours * 3600_000), priority: rng.weighted([["low", 4], ["medium", 4], ["high", 2], ["urgent", 1]] as const), resolutionHours: hours, firstResponseMinutes: rng.int(5, 240), satisfaction: Math.min(5, Math.max(1, Math.round(rng.normal(3.6 + 0.6 * lift, 0.8)))), escalated: rng.chance(0.08) });
    }
    if (k % 3 === 0) out.feedback.push({ accountId: a.id, externalId: `${a.externalId}-N${k}`, respondedOn: dayIn(month, rng.int(5, 25)), kind: "nps", score: Math.min(10, Math.max(0, Math.round(rng.normal(6.8 + 1.2 * lift, 1.8)))) });
    const posts = rng.poisson(0.5 + 1.5 * lift);
    if (posts) out.community.push({ accountId: a.id, externalId: `${a.externalId}-C${k}`, occurredOn: dayIn(month, rng.int(1, 28)), activityType: "post", count: posts });
    const touches = rng.poisson(1 + 0.6 * lift);
    if (touches) out.marketing.push({ accountId: a.id, externalId: `${a.externalId}-E${k}`, occurredOn: dayIn(month, rng.int(1, 28)), channel: rng.pick(["email", "webinar", "event", "content"] as const), engagementType: "engaged", count: touches });
  }
  return out;
}

/**
 * The attempts of a learner who passed a quiz: a third of learners first get one question wrong
 * (a failed attempt when that drops them under the pass mark), then pass with every answer right.
 * Recorded like the live app does: the attempt row plus "attempted" and "passed"/"failed" events.
 */
function quizAttempts(rng: Rng, quiz: QuizShape, who: { userId: string; accountId: string; lessonId: string }, at: Date, out: AccountRows) {
  const right = Object.fromEntries(quiz.questions.map((q) => [q.id, q.right]));
  const attempts: Record<string, string[]>[] = [];
  const slip = quiz.questions.filter((q) => q.wrong.length);
  if (slip.length && rng.chance(0.33)) {
    const q = rng.pick(slip);
    attempts.push({ ...right, [q.id]: [rng.pick(q.wrong)] });
  }
  attempts.push(right);
  let n = 0;
  for (const answers of attempts) {
    const correct = Object.fromEntries(quiz.questions.map((q) => [q.id, answers[q.id]!.join() === q.right.join()]));
    const score = Math.round((Object.values(correct).filter(Boolean).length / Math.max(1, quiz.questions.length)) * 100);
    const passed = score >= quiz.passMark;
    const when = new Date(at.getTime() + n * 120_000);
    n += 1;
    out.attempts.push({ ...who, attemptNumber: n, answers, correct, score, passed, createdAt: when });
    const result = { score: score / 100, passed, attempt: n };
    const actor = { userId: who.userId, accountId: who.accountId };
    out.events.push({ ...actor, verb: "attempted", objectType: "quiz", objectId: who.lessonId, result, occurredAt: when });
    out.events.push({ ...actor, verb: passed ? "passed" : "failed", objectType: "quiz", objectId: who.lessonId, result, occurredAt: when });
    if (passed) break;
  }
}
