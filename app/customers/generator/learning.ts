import crypto from "node:crypto";
import type { Rng } from "./random";

/** A quiz as the generator needs it: which options are right, and the pass mark. */
export interface QuizShape {
  passMark: number;
  questions: { id: string; right: string[]; wrong: string[] }[];
}
/**
 * A published course as the generator needs it: lessons in order with their minutes, quizzes keyed by
 * lesson id (a quiz lesson completes only after a pass) and prerequisite course ids.
 */
export interface CourseShape {
  id: string;
  stage: string;
  lessonIds: string[];
  quizzes?: Record<string, QuizShape>;
  prerequisites?: string[];
  lessonMinutes?: number[];
  /** Product features the course teaches (its own planted adoption effect applies to these). */
  features?: string[];
}

export type Row = Record<string, unknown>;
export interface LearningRows {
  progress: Row[];
  events: Row[];
  attempts: Row[];
  certificates: Row[];
  lessonFeedback: Row[];
  surveys: Row[];
}
export const emptyLearningRows = (): LearningRows => ({
  progress: [],
  events: [],
  attempts: [],
  certificates: [],
  lessonFeedback: [],
  surveys: [],
});

/** A stable number in [0, 1) per key: course difficulty and lesson quality are properties of the content. */
export function unitHash(key: string): number {
  return crypto.createHash("sha1").update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Share of learners who finish a course once they open it, 30%–90% depending on the course (a stable
 * property of the course id); every lesson and every "go on to the next lesson" is one step, so
 * learners drop off inside courses, not only before them.
 */
export function courseCompletionTarget(courseId: string): number {
  return 0.3 + 0.6 * unitHash(`completion/${courseId}`);
}
/** Mean rating (1–5) of a lesson: most lessons are liked, a few less so (content health finds them). */
export function lessonQuality(lessonId: string): number {
  return 3.1 + 1.6 * unitHash(`quality/${lessonId}`);
}

/** Courses ordered so every prerequisite comes before the courses that need it. */
export function prerequisiteOrder(courses: CourseShape[]): CourseShape[] {
  const byId = new Map(courses.map((c) => [c.id, c]));
  const out: CourseShape[] = [];
  const seen = new Set<string>();
  const visit = (c: CourseShape, path: Set<string>) => {
    if (seen.has(c.id) || path.has(c.id)) return;
    path.add(c.id);
    for (const p of c.prerequisites ?? []) {
      const pre = byId.get(p);
      if (pre) visit(pre, path);
    }
    seen.add(c.id);
    out.push(c);
  };
  for (const c of courses) visit(c, new Set());
  return out;
}

const POSITIVE = [
  "Clear and to the point.",
  "The example matched what we do every day.",
  "Short enough to finish between meetings.",
  "Exactly what my team needed.",
  "Loved the step-by-step walkthrough.",
];
const NEGATIVE = [
  "Too fast for a first-timer.",
  "The example did not match our setup.",
  "Would like a longer example.",
  "Confusing order of steps.",
  "Felt out of date with the current UI.",
];
const IMPROVE = [
  "More real-world examples.",
  "A downloadable checklist.",
  "Shorter videos.",
  "A sandbox to practise in.",
  "Cover admin settings too.",
];

export interface LearnerContext {
  rng: Rng;
  userId: string;
  accountId: string;
  seed: number;
}

/**
 * One learner's attempt at one course from `start`: lesson by lesson, time on each lesson drawn around
 * its estimated minutes, most lessons in the same sitting, some on a later day. Returns when the course
 * was completed (null when the learner dropped off, or the window ended first).
 */
export function takeCourse(
  ctx: LearnerContext,
  course: CourseShape,
  start: Date,
  windowEnd: Date,
  out: LearningRows,
  opts: { mustFinish?: boolean; stopAfter?: number } = {},
): Date | null {
  const { rng, userId, accountId } = ctx;
  const n = course.lessonIds.length;
  const step = Math.pow(courseCompletionTarget(course.id), 1 / Math.max(1, 2 * n - 1));
  let t = new Date(start);
  for (let i = 0; i < n; i++) {
    const lessonId = course.lessonIds[i]!;
    if (t >= windowEnd) return null;
    const minutes = course.lessonMinutes?.[i] ?? 8;
    const seconds = Math.round(Math.min(4, Math.max(0.4, Math.exp(rng.normal(0, 0.35)))) * minutes * 60);
    const startedAt = new Date(t);
    const finishes = opts.mustFinish || (i < (opts.stopAfter ?? n) && rng.chance(step));
    const base = { userId, accountId, lessonId, courseId: course.id, startedAt };
    out.events.push({
      userId,
      accountId,
      verb: "started",
      objectType: "lesson",
      objectId: lessonId,
      occurredAt: startedAt,
    });
    const quiz = course.quizzes?.[lessonId];
    const doneAt = new Date(startedAt.getTime() + seconds * 1000);
    if (!finishes || doneAt >= windowEnd) {
      // Dropped off here: opened (some time spent), not completed; a quiz lesson may hold a failed attempt.
      if (quiz && rng.chance(0.5))
        quizAttempts(rng, quiz, { userId, accountId, lessonId }, new Date(startedAt.getTime() + seconds * 500), out, {
          giveUp: true,
        });
      const spent = Math.round(seconds * (0.2 + 0.5 * rng.float()));
      out.progress.push({
        ...base,
        status: "started",
        updatedAt: new Date(startedAt.getTime() + spent * 1000),
        timeSpentSeconds: spent,
      });
      return null;
    }
    if (quiz) quizAttempts(rng, quiz, { userId, accountId, lessonId }, new Date(doneAt.getTime() - 240_000), out);
    out.progress.push({
      ...base,
      status: "completed",
      completedAt: doneAt,
      updatedAt: doneAt,
      timeSpentSeconds: seconds,
    });
    out.events.push({
      userId,
      accountId,
      verb: "completed",
      objectType: "lesson",
      objectId: lessonId,
      result: { completion: true },
      occurredAt: doneAt,
    });
    if (rng.chance(0.3)) rateLesson(ctx, lessonId, doneAt, out);
    const last = i === n - 1;
    if (last) {
      out.certificates.push({
        id: detUuid(ctx.seed, "cert", userId, course.id),
        code: detUuid(ctx.seed, "code", userId, course.id).replace(/-/g, "").slice(0, 20).toUpperCase(),
        userId,
        accountId,
        courseId: course.id,
        issuedAt: doneAt,
      });
      if (rng.chance(0.4)) {
        const recommend = Math.min(
          10,
          Math.max(0, Math.round(rng.normal(6.6 + 2.4 * courseCompletionTarget(course.id), 1.6))),
        );
        out.surveys.push({
          userId,
          accountId,
          courseId: course.id,
          recommend,
          improve: recommend <= 7 && rng.chance(0.5) ? rng.pick(IMPROVE) : null,
          createdAt: doneAt,
          updatedAt: doneAt,
        });
      }
      return doneAt;
    }
    if (!opts.mustFinish && (i + 1 > (opts.stopAfter ?? n) || !rng.chance(step))) return null; // never opened the next lesson
    // Same sitting (a short break) or a later day.
    t = rng.chance(0.85) ? new Date(doneAt.getTime() + rng.int(1, 6) * 60_000) : laterDay(rng, doneAt, rng.int(1, 6));
  }
  return null;
}

/** A working hour `days` days after `from`. */
export function laterDay(rng: Rng, from: Date, days: number): Date {
  const d = new Date(from.getTime() + days * 86_400_000);
  d.setUTCHours(rng.int(8, 17), rng.int(0, 59), 0, 0);
  return d;
}

function rateLesson(ctx: LearnerContext, lessonId: string, at: Date, out: LearningRows) {
  const { rng, userId, accountId } = ctx;
  const rating = Math.min(5, Math.max(1, Math.round(rng.normal(lessonQuality(lessonId), 0.8))));
  const comment = rng.chance(0.25) ? rng.pick(rating >= 4 ? POSITIVE : NEGATIVE) : null;
  const when = new Date(at.getTime() + 30_000);
  out.lessonFeedback.push({ userId, accountId, lessonId, rating, comment, createdAt: when, updatedAt: when });
  out.events.push({
    userId,
    accountId,
    verb: "rated",
    objectType: "lesson",
    objectId: lessonId,
    result: { score: rating / 5 },
    occurredAt: when,
  });
}

/**
 * The attempts of a learner at a quiz: a third of learners first get one question wrong (a failed
 * attempt when that drops them under the pass mark), then pass with every answer right; a learner who
 * gives up leaves only the wrong attempt. Recorded like the live app does: the attempt row plus
 * "attempted" and "passed"/"failed" events.
 */
function quizAttempts(
  rng: Rng,
  quiz: QuizShape,
  who: { userId: string; accountId: string; lessonId: string },
  at: Date,
  out: LearningRows,
  opts: { giveUp?: boolean } = {},
) {
  const right = Object.fromEntries(quiz.questions.map((q) => [q.id, q.right]));
  const attempts: Record<string, string[]>[] = [];
  const slip = quiz.questions.filter((q) => q.wrong.length);
  if (opts.giveUp && slip.length)
    attempts.push({ ...right, ...Object.fromEntries(slip.map((q) => [q.id, [rng.pick(q.wrong)]])) });
  else if (slip.length && rng.chance(0.33)) {
    const q = rng.pick(slip);
    attempts.push({ ...right, [q.id]: [rng.pick(q.wrong)] });
  }
  if (!opts.giveUp) attempts.push(right);
  let n = 0;
  for (const answers of attempts) {
    const correct = Object.fromEntries(quiz.questions.map((q) => [q.id, answers[q.id]!.join() === q.right.join()]));
    const score = Math.round(
      (Object.values(correct).filter(Boolean).length / Math.max(1, quiz.questions.length)) * 100,
    );
    const passed = score >= quiz.passMark;
    const when = new Date(at.getTime() + n * 120_000);
    n += 1;
    out.attempts.push({ ...who, attemptNumber: n, answers, correct, score, passed, createdAt: when });
    const result = { score: score / 100, passed, attempt: n };
    const actor = { userId: who.userId, accountId: who.accountId };
    out.events.push({
      ...actor,
      verb: "attempted",
      objectType: "quiz",
      objectId: who.lessonId,
      result,
      occurredAt: when,
    });
    out.events.push({
      ...actor,
      verb: passed ? "passed" : "failed",
      objectType: "quiz",
      objectId: who.lessonId,
      result,
      occurredAt: when,
    });
    if (passed) break;
  }
}

/** Deterministic UUID from the seed and a path of keys (so same seed → identical rows, ids included). */
export function detUuid(...parts: (string | number)[]): string {
  const h = crypto.createHash("sha1").update(parts.join("/")).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
