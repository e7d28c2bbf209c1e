import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { courses, lessonProgress, lessons, type Stage } from "#db/schema/index";

// A tiny valid mdx-bundler output, so lesson pages can render fixture lessons.
const EMPTY_MDX = "return { default: function MDXContent() { return null; } };";

export interface FixtureLesson {
  id?: string;
  title: string;
  plainText?: string;
  estimatedMinutes?: number;
  headings?: { depth: number; text: string; slug: string }[];
  archived?: boolean;
}

/** Inserts a course and its lessons directly (no MDX compile): readable fixture rows for one test. */
export async function createCourse(
  db: Db,
  opts: {
    id?: string;
    title?: string;
    summary?: string;
    stage?: Stage;
    status?: "draft" | "published";
    features?: string[];
    prerequisites?: string[];
    archived?: boolean;
    position?: number;
    lessons?: FixtureLesson[];
  } = {},
) {
  const suffix = crypto.randomBytes(3).toString("hex");
  const id = opts.id ?? `course-${suffix}`;
  const [course] = await db
    .insert(courses)
    .values({
      id,
      slug: id,
      title: opts.title ?? `Course ${suffix}`,
      summary: opts.summary ?? "A fixture course for tests.",
      stage: opts.stage ?? "onboarding",
      status: opts.status ?? "published",
      features: opts.features ?? [],
      prerequisites: opts.prerequisites ?? [],
      estimatedMinutes: 10,
      position: opts.position ?? 0,
      sourcePath: `fixtures/${id}/course.mdx`,
      contentHash: suffix,
      archivedAt: opts.archived ? new Date() : null,
    })
    .returning();
  const lessonRows = opts.lessons ?? [{ title: "First lesson" }, { title: "Second lesson" }];
  const inserted = [];
  for (const [i, l] of lessonRows.entries()) {
    const lessonId = l.id ?? `${id}-l${i + 1}`;
    const [row] = await db
      .insert(lessons)
      .values({
        id: lessonId,
        courseId: id,
        slug: lessonId,
        title: l.title,
        position: i + 1,
        estimatedMinutes: l.estimatedMinutes ?? 5,
        sourcePath: `fixtures/${id}/${i + 1}.mdx`,
        contentHash: `${suffix}-${i}`,
        compiledCode: EMPTY_MDX,
        headings: l.headings ?? [],
        plainText: l.plainText ?? "",
        archivedAt: l.archived ? new Date() : null,
      })
      .returning();
    inserted.push(row!);
  }
  return { course: course!, lessons: inserted };
}

/** Marks lessons completed for a learner directly (fixture progress, e.g. teammates'). */
export async function markCompleted(
  db: Db,
  user: { id: string; accountId: string | null },
  lessonRows: { id: string; courseId: string }[],
) {
  for (const l of lessonRows) {
    await db
      .insert(lessonProgress)
      .values({
        userId: user.id,
        accountId: user.accountId!,
        lessonId: l.id,
        courseId: l.courseId,
        status: "completed",
        completedAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [lessonProgress.userId, lessonProgress.lessonId],
        set: { status: "completed", completedAt: sql`now()` },
      });
  }
}
