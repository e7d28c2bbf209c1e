import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, certificates, courses, lessonProgress, lessons, STAGES, type Stage } from "#db/schema/index";
import { resolveLocks, type CourseRef } from "./prerequisites.server";
import { courseTranslation, courseWords, needsTranslation } from "./translations.server";

export interface CatalogCourse {
  id: string;
  slug: string;
  title: string;
  summary: string;
  stage: Stage;
  status: string;
  level: string | null;
  features: string[];
  estimatedMinutes: number;
  /** Minutes of the lessons not completed yet (the course estimate until the learner starts). */
  remainingMinutes: number;
  prerequisites: string[];
  lessonCount: number;
  completedCount: number;
  completed: boolean;
  nextLessonId: string | null;
  lastActivityAt: string | null;
  /** Prerequisite courses still to complete; empty when the course is open to this learner. */
  lockedBy: CourseRef[];
  certificateCode: string | null;
}

/** Published courses (drafts too for authors) with this learner's progress and lock state. */
export async function getCatalogCourses(
  db: Db,
  userId: string,
  opts: { includeDrafts?: boolean; locale?: string } = {},
): Promise<CatalogCourse[]> {
  const words = opts.locale ? await courseWords(db, opts.locale) : null;
  const rows = await db
    .select({
      course: courses,
      lessonCount: sql<number>`count(${lessons.id})::int`,
      completedCount: sql<number>`count(${lessonProgress.id}) filter (where ${lessonProgress.status} = 'completed')::int`,
      remainingMinutes: sql<number>`coalesce(sum(${lessons.estimatedMinutes}) filter (where ${lessonProgress.status} is distinct from 'completed'), 0)::int`,
      lastActivityAt: sql<string | null>`max(${lessonProgress.updatedAt})`,
      nextLessonId: sql<
        string | null
      >`(array_agg(${lessons.id} order by ${lessons.position}) filter (where ${lessonProgress.status} is distinct from 'completed'))[1]`,
      certificateCode: sql<string | null>`max(${certificates.code})`,
    })
    .from(courses)
    .leftJoin(lessons, and(eq(lessons.courseId, courses.id), isNull(lessons.archivedAt)))
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .leftJoin(certificates, and(eq(certificates.courseId, courses.id), eq(certificates.userId, userId)))
    .where(and(isNull(courses.archivedAt), opts.includeDrafts ? undefined : eq(courses.status, "published")))
    .groupBy(courses.id)
    .orderBy(asc(courses.position), asc(courses.title));
  const list = rows.map((r) => {
    const completed = r.lessonCount > 0 && r.completedCount === r.lessonCount;
    // The learner's language when the course has a translation into it (ids stay the source's).
    const own =
      words && opts.locale && needsTranslation(r.course.locale, opts.locale) ? words.get(r.course.id) : undefined;
    return {
      id: r.course.id,
      slug: r.course.slug,
      title: own?.title ?? r.course.title,
      summary: own?.summary ?? r.course.summary,
      stage: r.course.stage,
      status: r.course.status,
      level: r.course.level,
      features: r.course.features,
      estimatedMinutes: r.course.estimatedMinutes,
      remainingMinutes: r.completedCount === 0 ? r.course.estimatedMinutes : r.remainingMinutes,
      prerequisites: r.course.prerequisites,
      lessonCount: r.lessonCount,
      completedCount: r.completedCount,
      completed,
      nextLessonId: r.nextLessonId,
      lastActivityAt: r.lastActivityAt ? new Date(r.lastActivityAt).toISOString() : null,
      certificateCode: r.certificateCode,
    };
  });
  // Drafts never lock anything (a learner could not take them); published prerequisites do.
  const takeable = list.filter((c) => c.status === "published");
  const locks = resolveLocks(list, takeable, new Set(list.filter((c) => c.completed).map((c) => c.id)));
  return list.map((c) => ({ ...c, lockedBy: locks.get(c.id) ?? [] }));
}

export function groupByStage(list: CatalogCourse[]) {
  return STAGES.map((stage) => ({ stage, courses: list.filter((c) => c.stage === stage) }));
}

/** The customer account a learner belongs to, as the learning pages need it. */
export async function getLearnerAccount(db: Db, accountId: string) {
  const [row] = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      lifecycleStage: accounts.lifecycleStage,
      planTier: accounts.planTier,
      segment: accounts.segment,
      seats: accounts.seats,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!row) return null;
  const stage = (STAGES as readonly string[]).includes(row.lifecycleStage) ? (row.lifecycleStage as Stage) : null;
  return { ...row, stage };
}

export interface ResumePoint {
  courseId: string;
  courseTitle: string;
  lessonId: string;
  lessonTitle: string;
  lessonNumber: number;
  lessonCount: number;
  completedCount: number;
  remainingMinutes: number;
  /** Heading id the learner last reached (URL fragment) and its text, when known. */
  position: string | null;
  positionLabel: string | null;
}

/**
 * "Continue where you left off": the open, unfinished course the learner touched last, at the lesson
 * they had open most recently in it (or the next one not completed), at the heading they last reached.
 */
export async function getResumePoint(
  db: Db,
  userId: string,
  catalog: CatalogCourse[],
  locale?: string,
): Promise<ResumePoint | null> {
  const course = catalog
    .filter(
      (c) =>
        c.lastActivityAt && !c.completed && c.lockedBy.length === 0 && c.lessonCount > 0 && c.status === "published",
    )
    .sort((a, b) => (b.lastActivityAt ?? "").localeCompare(a.lastActivityAt ?? ""))[0];
  if (!course) return null;
  const outline = await db
    .select({
      id: lessons.id,
      title: lessons.title,
      headings: lessons.headings,
      status: lessonProgress.status,
      resumePosition: lessonProgress.resumePosition,
      updatedAt: lessonProgress.updatedAt,
      courseLocale: courses.locale,
    })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(eq(lessons.courseId, course.id), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position));
  const openLesson = outline
    .filter((l) => l.status === "started" && l.updatedAt)
    .sort((a, b) => new Date(b.updatedAt!).getTime() - new Date(a.updatedAt!).getTime())[0];
  const lesson = openLesson ?? outline.find((l) => l.id === course.nextLessonId);
  if (!lesson) return null;
  // The lesson's words in the learner's language where translated (the course title already is).
  const own =
    locale && needsTranslation(lesson.courseLocale, locale)
      ? (await courseTranslation(db, course.id, locale, null)).lessons.get(lesson.id)
      : undefined;
  const findHeading = (list: { slug: string; text: string }[] | undefined) =>
    lesson.resumePosition ? list?.find((h) => h.slug === lesson.resumePosition) : undefined;
  const heading = findHeading(own?.headings) ?? findHeading(lesson.headings);
  return {
    courseId: course.id,
    courseTitle: course.title,
    lessonId: lesson.id,
    lessonTitle: own?.title ?? lesson.title,
    lessonNumber: outline.indexOf(lesson) + 1,
    lessonCount: outline.length,
    completedCount: course.completedCount,
    remainingMinutes: course.remainingMinutes,
    position: openLesson?.resumePosition ?? null,
    positionLabel: heading?.text ?? null,
  };
}

/** One course with its lessons and the learner's per-lesson status. */
/**
 * A course with its lessons and the learner's progress; with `locale`, in that language where translated
 * (`contentLocale` says which language the words are in).
 */
export async function getCourseOutline(
  db: Db,
  courseId: string,
  userId: string,
  opts: { includeDrafts?: boolean; locale?: string } = {},
) {
  const [source] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.id, courseId), isNull(courses.archivedAt)))
    .limit(1);
  if (!source || (source.status !== "published" && !opts.includeDrafts)) return null;
  const words =
    opts.locale && needsTranslation(source.locale, opts.locale)
      ? await courseTranslation(db, courseId, opts.locale, null)
      : null;
  const course = words?.course
    ? {
        ...source,
        title: words.course.title,
        summary: words.course.summary,
        overviewCode: words.course.code ?? source.overviewCode,
        contentLocale: words.course.locale,
      }
    : { ...source, contentLocale: source.locale };
  const outline = await db
    .select({
      id: lessons.id,
      title: lessons.title,
      position: lessons.position,
      estimatedMinutes: lessons.estimatedMinutes,
      status: lessonProgress.status,
      resumePosition: lessonProgress.resumePosition,
    })
    .from(lessons)
    .leftJoin(lessonProgress, and(eq(lessonProgress.lessonId, lessons.id), eq(lessonProgress.userId, userId)))
    .where(and(eq(lessons.courseId, courseId), isNull(lessons.archivedAt)))
    .orderBy(asc(lessons.position));
  return {
    course,
    lessons: outline.map((l) => ({
      ...l,
      title: words?.lessons.get(l.id)?.title ?? l.title,
      completed: l.status === "completed",
    })),
  };
}
