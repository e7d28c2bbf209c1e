import { Rng, subSeed } from "./random";
import {
  detUuid,
  emptyLearningRows,
  laterDay,
  prerequisiteOrder,
  takeCourse,
  type CourseShape,
  type LearningRows,
  type Row,
} from "./learning";
import { people } from "./people";

export interface LearnerWorld {
  seed: number;
  months: string[];
  courses: CourseShape[];
  maxLearners?: number;
}

/** Chance that an active learner opens a course of each stage (once its prerequisites are done). */
const OPEN_CHANCE: Record<string, number> = { onboarding: 0.75, adoption: 0.55, expansion: 0.35 };
/** Months after a learner's activation before courses of a stage become relevant. */
const STAGE_DELAY: Record<string, number> = { onboarding: 0, adoption: 1, expansion: 3 };

const monthStart = (month: string) => new Date(`${month}T00:00:00Z`);
const dayIn = (month: string, day: number, hour: number) =>
  new Date(
    `${month.slice(0, 8)}${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String((hour * 7) % 60).padStart(2, "0")}:00Z`,
  );

/**
 * An account's learners (realistic names, emails at the account's domain) and everything they did.
 * Trained accounts: the first learner completes the first onboarding course in the training month (so
 * the account counts as trained from then on, as the planted effects assume); every learner then opens
 * courses whose prerequisites they completed, and drops off or finishes as each course tends to.
 * Untrained accounts: a few learners open the first course and stop before finishing it.
 * A stream of random numbers of its own: learning detail never shifts the revenue or usage draws.
 */
export function simulateLearners(
  world: LearnerWorld,
  a: { id: string; domain: string; seats: number },
  index: number,
  plan: { trainingMonth: number | null; startMonth: number },
): { users: Row[]; rows: LearningRows } {
  const rng = new Rng(subSeed(world.seed ^ 0x68e31da4, index));
  const M = world.months.length;
  const windowEnd = new Date(
    Date.UTC(monthStart(world.months[M - 1]!).getUTCFullYear(), monthStart(world.months[M - 1]!).getUTCMonth() + 1, 1),
  );
  const trained = plan.trainingMonth !== null;
  const count = trained
    ? Math.min(world.maxLearners ?? 60, Math.max(2, Math.round(a.seats * (0.15 + rng.float() * 0.25))))
    : rng.chance(0.4)
      ? rng.int(1, 3)
      : 0;
  const who = people(subSeed(world.seed ^ 0x1b873593, index), a.domain, count);
  const ordered = prerequisiteOrder(world.courses.filter((c) => c.lessonIds.length));
  const first = ordered.find((c) => c.stage === "onboarding" && !(c.prerequisites ?? []).length) ?? ordered[0];
  const rows = emptyLearningRows();
  const users: Row[] = [];
  who.forEach((person, j) => {
    const userId = detUuid(world.seed, "learner", a.id, j);
    users.push({ id: userId, email: person.email, name: person.name, role: "learner", accountId: a.id });
    if (!first) return;
    const ctx = { rng, userId, accountId: a.id, seed: world.seed };
    if (!trained) {
      const month = world.months[Math.min(M - 1, plan.startMonth + rng.int(0, 2))]!;
      takeCourse(ctx, first, dayIn(month, rng.int(1, 27), rng.int(8, 17)), windowEnd, rows, {
        stopAfter: rng.int(0, first.lessonIds.length - 1),
      });
      return;
    }
    const activation = Math.min(M - 1, plan.trainingMonth! + (j === 0 ? 0 : rng.int(0, 3)));
    const done = new Map<string, Date>();
    for (const course of ordered) {
      const forced = j === 0 && course === first;
      if (!forced && !rng.chance(OPEN_CHANCE[course.stage] ?? 0.4)) continue;
      const pre = (course.prerequisites ?? []).map((p) => done.get(p));
      if (pre.some((d) => !d)) continue; // prerequisites not completed: the course stays locked
      const month =
        world.months[
          Math.min(M - 1, activation + (forced ? 0 : (STAGE_DELAY[course.stage] ?? 1)) + (forced ? 0 : rng.int(0, 1)))
        ]!;
      let start = dayIn(month, rng.int(1, forced ? 20 : 27), rng.int(8, 17));
      const latestPre = Math.max(0, ...pre.map((d) => d!.getTime()));
      if (start.getTime() <= latestPre) start = laterDay(rng, new Date(latestPre), rng.int(1, 10));
      const completed = takeCourse(ctx, course, start, windowEnd, rows, { mustFinish: forced });
      if (completed) done.set(course.id, completed);
    }
  });
  return { users, rows };
}
