import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { prepared } from "#db/prepared";
import { courses, lessons } from "#db/schema/index";
import { findVisibleLesson } from "./progress.server";
import { cachedLesson, rememberLesson } from "./lesson-cache.server";
import { missingPrerequisitesSql, type CourseRef } from "./prerequisites.server";
import type { AttemptOutcome } from "./quiz.server";
import { lessonWatchesSql } from "./video-progress.server";
import type { VideoWatch } from "./video-watch";

/**
 * What the lesson page needs from the database, in two parts:
 * - the lesson's content (compiled MDX, headings, quiz definition, course title…), which changes only
 *   when content is published: kept in memory (lesson-cache.server.ts) and checked against the
 *   lesson's and course's content hashes on every view, so a republished lesson is never served stale;
 * - everything about this learner (outline with progress, locks, rating, certificate, survey, latest
 *   quiz attempt), read in ONE statement together with those hashes.
 * Each query costs a socket round trip and result parsing on the server's one JavaScript thread; the
 * page used to run five or more of them per view (see README "Benchmarks").
 */

export interface OutlineEntry {
  id: string;
  title: string;
  estimatedMinutes: number;
  status: "started" | "completed" | null;
  resumePosition: string | null;
}

export interface LearnerLessonState {
  courseStatus: string;
  outline: OutlineEntry[];
  missingPrerequisites: CourseRef[];
  feedback: { rating: number; comment: string | null } | null;
  certificateCode: string | null;
  survey: { recommend: number; improve: string | null } | null;
  latestAttempt: AttemptOutcome | null;
  videoWatches: VideoWatch[];
}

const userId = sql.placeholder("userId");

const lessonViewQuery = prepared((db) =>
  db
    .select({
      lessonHash: lessons.contentHash,
      courseHash: courses.contentHash,
      courseStatus: courses.status,
      outline: sql<OutlineEntry[]>`(
      select coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'estimatedMinutes', o.estimated_minutes,
        'status', p.status, 'resumePosition', p.resume_position) order by o.position), '[]'::json)
      from lessons o left join lesson_progress p on p.lesson_id = o.id and p.user_id = ${userId}
      where o.course_id = ${courses.id} and o.archived_at is null)`,
      missingPrerequisites: sql<CourseRef[]>`${missingPrerequisitesSql(userId, sql`${courses.prerequisites}`)}`,
      feedback: sql<LearnerLessonState["feedback"]>`(
      select json_build_object('rating', f.rating, 'comment', f.comment) from lesson_feedback f
      where f.user_id = ${userId} and f.lesson_id = ${lessons.id})`,
      certificateCode: sql<string | null>`(
      select ct.code from certificates ct where ct.user_id = ${userId} and ct.course_id = ${courses.id} limit 1)`,
      survey: sql<LearnerLessonState["survey"]>`(
      select json_build_object('recommend', s.recommend, 'improve', s.improve) from course_surveys s
      where s.user_id = ${userId} and s.course_id = ${courses.id})`,
      latestAttempt: sql<AttemptOutcome | null>`(
      select json_build_object('attemptNumber', a.attempt_number, 'score', a.score, 'passed', a.passed, 'answers', a.answers, 'correct', a.correct)
      from quiz_attempts a where a.user_id = ${userId} and a.lesson_id = ${lessons.id}
      order by a.attempt_number desc limit 1)`,
      videoWatches: sql<VideoWatch[]>`${lessonWatchesSql(userId, sql`${lessons.id}`)}`,
    })
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
    .prepare("lesson_view"),
);

/**
 * The lesson (content from the cache when its hashes still match) and the learner's state around it,
 * or null when the lesson does not exist, is archived, or its course is an unpublished draft the
 * reader may not preview. Locks are computed for everyone; the caller applies them to learners.
 */
export async function loadLessonView(
  db: Db,
  viewerId: string,
  courseId: string,
  lessonId: string,
  opts: { includeDrafts: boolean },
) {
  const [state] = await lessonViewQuery(db).execute({ userId: viewerId, courseId, lessonId });
  if (!state) return null;
  if (state.courseStatus !== "published" && !opts.includeDrafts) return null;
  let content = cachedLesson(courseId, lessonId);
  if (!content || content.lesson.contentHash !== state.lessonHash || content.course.contentHash !== state.courseHash) {
    content = (await findVisibleLesson(db, courseId, lessonId, { includeDrafts: true })) ?? undefined;
    if (!content) return null; // archived between the two reads
    rememberLesson(content);
  }
  return { ...content, learner: state as LearnerLessonState };
}

type LessonView = NonNullable<Awaited<ReturnType<typeof loadLessonView>>>;

/**
 * The courses a learner must finish before seeing this lesson's body (staff, who belong to no account,
 * are never locked out). Completions and quiz submissions apply the same definition
 * (missingPrerequisitesSql) inside their own transactions, under the learner's row lock.
 */
export function lessonLockedBy(user: { accountId: string | null }, view: LessonView) {
  return user.accountId ? view.learner.missingPrerequisites : [];
}
