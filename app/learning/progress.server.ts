import { and, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Db, type Tx, type Executor } from "#db/index";
import { courseCompleteSql } from "./course-complete.server";
import { prepared } from "#db/prepared";
import { courses, learningEvents, lessonProgress, lessons } from "#db/schema/index";
import { boundedSeconds } from "./lesson-time";
import { onLessonStarted } from "#app/analytics/rollups/progress-hooks.server";

export interface Learner {
  id: string;
  accountId: string;
  /** The learner's language for this request (recorded on lesson_progress: the language filter of insights and the report). */
  locale?: string;
}

/** The columns the lesson page and the learning actions use (not search text or the course overview). */
const visibleLessonColumns = {
  lesson: {
    id: lessons.id,
    courseId: lessons.courseId,
    title: lessons.title,
    estimatedMinutes: lessons.estimatedMinutes,
    objectives: lessons.objectives,
    contentHash: lessons.contentHash,
    compiledCode: lessons.compiledCode,
    headings: lessons.headings,
    quiz: lessons.quiz,
    passMark: lessons.passMark,
    requireWatch: lessons.requireWatch,
    videos: lessons.videos,
  },
  course: {
    id: courses.id,
    title: courses.title,
    stage: courses.stage,
    status: courses.status,
    prerequisites: courses.prerequisites,
    contentHash: courses.contentHash,
    locale: courses.locale,
  },
};

const visibleLessonQuery = prepared((db) =>
  db
    .select(visibleLessonColumns)
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(
      and(
        eq(lessons.id, sql.placeholder("lessonId")),
        eq(courses.id, sql.placeholder("courseId")),
        isNull(lessons.archivedAt),
        isNull(courses.archivedAt),
      ),
    )
    .limit(1)
    .prepare("visible_lesson"),
);

/** A lesson a learner may see: course published (or preview allowed), neither archived. */
export async function findVisibleLesson(
  db: Db,
  courseId: string,
  lessonId: string,
  opts: { includeDrafts?: boolean } = {},
) {
  const rows = await visibleLessonQuery(db).execute({ courseId, lessonId });
  const row = rows[0];
  if (!row) return null;
  if (row.course.status !== "published" && !opts.includeDrafts) return null;
  return row;
}

/** Records that the learner opened a lesson (idempotent; first open wins, with a "started" event). */
export async function startLesson(
  db: Db,
  learner: Learner,
  lesson: { id: string; courseId: string; contentHash: string },
) {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(lessonProgress)
      .values({
        userId: learner.id,
        accountId: learner.accountId,
        lessonId: lesson.id,
        courseId: lesson.courseId,
        status: "started",
        locale: learner.locale ?? null,
      })
      .onConflictDoNothing({ target: [lessonProgress.userId, lessonProgress.lessonId] })
      .returning({ id: lessonProgress.id });
    if (inserted.length) {
      await tx.insert(learningEvents).values({
        userId: learner.id,
        accountId: learner.accountId,
        verb: "started",
        objectType: "lesson",
        objectId: lesson.id,
        contentHash: lesson.contentHash,
      });
      await onLessonStarted(tx, {
        userId: learner.id,
        accountId: learner.accountId,
        courseId: lesson.courseId,
        lessonId: lesson.id,
      });
    }
  });
}

/** Longest time one heartbeat may add (the client beats every 30 s while the page is visible). */
export const MAX_HEARTBEAT_SECONDS = 60;
/** Longest time the no-JS completion form may add (opened → completed). */
export const MAX_FORM_SECONDS = 60 * 60;

/**
 * Adds time-on-lesson, bounded twice: by the per-request cap and by the wall-clock time since this
 * progress row was last written (opening the lesson, a heartbeat or completion), so replaying or
 * crafting requests cannot add more time than actually passed.
 */
export async function addTime(
  tx: Tx,
  userId: string,
  lessonId: string,
  seconds: number,
  cap: number,
  resumePosition: string | null,
) {
  const requested = boundedSeconds(seconds, cap);
  await tx
    .update(lessonProgress)
    .set({
      timeSpentSeconds: sql`${lessonProgress.timeSpentSeconds} + least(${requested}::int, greatest(0, ceil(extract(epoch from (now() - ${lessonProgress.updatedAt})))::int))`,
      ...(resumePosition !== null ? { resumePosition } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)));
}

/**
 * Heartbeat from an open lesson page: time since the last beat and the last heading reached.
 * Only updates a lesson the learner has opened (the page load created the row), so a heartbeat for a
 * locked, draft or unknown lesson writes nothing.
 */
export async function recordLessonTime(
  db: Db,
  learner: Learner,
  lessonId: string,
  input: { seconds: number; position: string | null },
) {
  await db.transaction((tx) => addTime(tx, learner.id, lessonId, input.seconds, MAX_HEARTBEAT_SECONDS, input.position));
}

export async function isCourseComplete(db: Executor, userId: string, courseId: string): Promise<boolean> {
  const [row] = await queryRows<{ complete: boolean }>(
    db,
    sql`select ${courseCompleteSql(userId, courseId)} as complete`,
  );
  return !!row?.complete;
}
