import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import type { QuizDefinition } from "#app/content/analyze";
import { pickLocale } from "#app/content/translations";

/**
 * Translated words for courses and lessons (content_translations). Ids never change across languages, so
 * callers overlay these on the source rows and keep every key (progress, quiz grading, certificates).
 */
export interface CourseWords {
  locale: string;
  title: string;
  summary: string;
  code: string;
}
export interface LessonWords {
  locale: string;
  title: string;
  objectives: string[];
  headings: { depth: number; text: string; slug: string }[];
  quiz: QuizDefinition | null;
  /** Compiled MDX: only for the lesson asked for (null for the others of the course). */
  code: string | null;
}

/** Rows of one language family (de matches de and de-CH), best tag per id first. */
function best<T extends { id: string; locale: string }>(rows: T[], locale: string): Map<string, T> {
  const byId = new Map<string, T[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const out = new Map<string, T>();
  for (const [id, list] of byId) {
    const tag = pickLocale(
      locale,
      list.map((r) => r.locale),
    );
    const row = list.find((r) => r.locale === tag);
    if (row) out.set(id, row);
  }
  return out;
}

const family = (locale: string) => locale.split("-")[0]!.toLowerCase();

/** Course titles and summaries in `locale`, for the catalog, search results and profile. */
export async function courseWords(db: Db, locale: string): Promise<Map<string, CourseWords>> {
  const rows = await queryRows<{ id: string; locale: string; title: string; summary: string; compiled_code: string }>(
    db,
    sql`
    select id, locale, title, summary, compiled_code from content_translations
    where kind = 'course' and lower(split_part(locale, '-', 1)) = ${family(locale)}`,
  );
  return new Map(
    [...best(rows, locale)].map(([id, r]) => [
      id,
      { locale: r.locale, title: r.title, summary: r.summary, code: r.compiled_code },
    ]),
  );
}

/** One course in `locale`: its words and its lessons' (compiled content only for `lessonId`). */
export async function courseTranslation(db: Db, courseId: string, locale: string, lessonId: string | null) {
  const rows = await queryRows<{
    kind: string;
    id: string;
    locale: string;
    title: string;
    summary: string;
    objectives: string[];
    headings: LessonWords["headings"];
    quiz: QuizDefinition | null;
    code: string | null;
  }>(
    db,
    sql`
    select kind, id, locale, title, summary, objectives, headings, quiz,
      case when kind = 'course' or id = ${lessonId ?? ""} then compiled_code end as code
    from content_translations
    where course_id = ${courseId} and lower(split_part(locale, '-', 1)) = ${family(locale)}`,
  );
  const course = best(
    rows.filter((r) => r.kind === "course"),
    locale,
  ).get(courseId);
  const lessons = new Map<string, LessonWords>();
  for (const [id, r] of best(
    rows.filter((r) => r.kind === "lesson"),
    locale,
  )) {
    lessons.set(id, {
      locale: r.locale,
      title: r.title,
      objectives: r.objectives,
      headings: r.headings,
      quiz: r.quiz,
      code: r.code,
    });
  }
  return {
    course: course ? { locale: course.locale, title: course.title, summary: course.summary, code: course.code } : null,
    lessons,
  };
}

/** Whether the served language needs translations at all: not when it is the course's own language. */
export function needsTranslation(courseLocale: string, wanted: string): boolean {
  return family(courseLocale) !== family(wanted);
}

/** A course's title in the learner's language (emails), else its source title. */
export async function courseTitleIn(db: Db, courseId: string, locale: string | null, sourceTitle: string) {
  if (!locale) return sourceTitle;
  return (await courseWords(db, locale)).get(courseId)?.title ?? sourceTitle;
}
