import path from "node:path";
import { and, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { auditLog, contentTranslations, courses, lessons } from "#db/schema/index";
import { diffPublished, type ContentChange } from "./changes";
import { compileMdx } from "./compile.server";
import { loadContent, type ContentProblem } from "./load.server";
import { writeIdRegistry } from "./id-registry.server";

export interface SyncResult {
  courses: number;
  lessons: number;
  archivedCourses: number;
  problems: ContentProblem[];
  /** What this sync changed against the previously published rows (empty when nothing was written). */
  changes: ContentChange[];
}

/**
 * Compiles every course and lesson (cached by content hash) and writes them in ONE transaction.
 * Courses missing on disk are archived, never deleted, so learners' progress is kept.
 * If any file has a problem nothing is written: the previously published version keeps serving.
 */
export async function syncContent(db: Db, opts: { contentDir: string; cacheDir: string; log?: (msg: string) => void; audit?: { actorUserId: string | null; source: string; evenIfUnchanged?: boolean } }): Promise<SyncResult> {
  const { courses: sources, problems } = await loadContent(opts.contentDir);
  if (problems.length) return { courses: 0, lessons: 0, archivedCourses: 0, problems, changes: [] };
  const courseRows: (typeof courses.$inferInsert)[] = [];
  const lessonRows: (typeof lessons.$inferInsert)[] = [];
  const compile = async (file: string, source: string, cwd: string) => {
    try {
      return await compileMdx(source, { cwd, cacheDir: opts.cacheDir });
    } catch (err) {
      const e = err as { line?: number; column?: number; message?: string };
      compileProblems.push({ file, line: e.line ?? 1, col: e.column ?? 1, message: `MDX error: ${(e.message ?? String(err)).split("\n")[0]}` });
      return null;
    }
  };
  const compileProblems: ContentProblem[] = [];
  const translationRows: (typeof contentTranslations.$inferInsert)[] = [];
  for (const c of sources) {
    const overview = await compile(c.file, c.source, path.resolve(c.dir));
    if (!overview) continue;
    const fm = c.frontmatter;
    courseRows.push({
      id: fm.id, slug: c.slug, title: fm.title, summary: fm.summary, stage: fm.stage, features: fm.features,
      audience: fm.audience ?? null, level: fm.level, estimatedMinutes: fm.estimatedMinutes, prerequisites: fm.prerequisites,
      status: fm.status, locale: fm.locale, position: fm.order, certificateValidMonths: fm.certificateValidMonths ?? null, sourcePath: c.file, contentHash: overview.hash,
      overviewCode: overview.code, archivedAt: null, updatedAt: new Date(),
    });
    for (const l of c.lessons) {
      const compiled = await compile(l.file, l.source, path.resolve(c.dir));
      if (!compiled) continue;
      lessonRows.push({
        id: l.frontmatter.id, courseId: fm.id, slug: l.slug, title: l.frontmatter.title, position: l.position,
        estimatedMinutes: l.frontmatter.estimatedMinutes, objectives: l.frontmatter.objectives, sourcePath: l.file,
        contentHash: compiled.hash, compiledCode: compiled.code, passMark: l.frontmatter.passMark, archivedAt: null, updatedAt: new Date(),
        headings: compiled.headings, plainText: compiled.plainText, quiz: compiled.quiz,
        videos: compiled.videos, requireWatch: l.frontmatter.requireWatch ?? null,
      });
      for (const t of l.translations) {
        const tc = await compile(t.file, t.source, path.resolve(c.dir));
        if (!tc) continue;
        translationRows.push({
          kind: "lesson", id: l.frontmatter.id, courseId: fm.id, locale: t.locale, title: t.frontmatter.title, objectives: t.frontmatter.objectives,
          sourcePath: t.file, sourceHash: t.frontmatter.sourceHash, contentHash: tc.hash, compiledCode: tc.code,
          headings: tc.headings, plainText: tc.plainText, quiz: tc.quiz, updatedAt: new Date(),
        });
      }
    }
    for (const t of c.translations) {
      const tc = await compile(t.file, t.source, path.resolve(c.dir));
      if (!tc) continue;
      translationRows.push({
        kind: "course", id: fm.id, courseId: fm.id, locale: t.locale, title: t.frontmatter.title, summary: t.frontmatter.summary,
        sourcePath: t.file, sourceHash: t.frontmatter.sourceHash, contentHash: tc.hash, compiledCode: tc.code, updatedAt: new Date(),
      });
    }
  }
  if (compileProblems.length) return { courses: 0, lessons: 0, archivedCourses: 0, problems: compileProblems, changes: [] };
  const courseIds = courseRows.map((c) => c.id);
  const lessonIds = lessonRows.map((l) => l.id);
  let archivedCourses = 0;
  let changes: ContentChange[] = [];
  opts.log?.(`publishing ${courseRows.length} courses, ${lessonRows.length} lessons and ${translationRows.length} translations in one transaction…`);
  await db.transaction(async (tx) => {
    // The published state before this sync, read in the same transaction, to say what changed.
    const beforeCourses = await tx.select({ id: courses.id, title: courses.title, contentHash: courses.contentHash, status: courses.status, archivedAt: courses.archivedAt }).from(courses);
    const beforeLessons = await tx.select({ id: lessons.id, title: lessons.title, contentHash: lessons.contentHash, archivedAt: lessons.archivedAt }).from(lessons);
    changes = [
      ...diffPublished("course", beforeCourses.map((c) => ({ ...c, archived: !!c.archivedAt })), courseRows.map((c) => ({ id: c.id, title: c.title, contentHash: c.contentHash!, status: c.status!, archived: false }))),
      ...diffPublished("lesson", beforeLessons.map((l) => ({ ...l, archived: !!l.archivedAt })), lessonRows.map((l) => ({ id: l.id, title: l.title, contentHash: l.contentHash!, archived: false }))),
    ];
    for (const row of courseRows) {
      await tx.insert(courses).values(row).onConflictDoUpdate({ target: courses.id, set: { ...row, id: undefined } });
    }
    for (const row of lessonRows) {
      await tx.insert(lessons).values(row).onConflictDoUpdate({ target: lessons.id, set: { ...row, id: undefined } });
    }
    const archived = await tx.update(courses).set({ archivedAt: sql`now()` })
      .where(and(isNull(courses.archivedAt), courseIds.length ? notInArray(courses.id, courseIds) : sql`true`)).returning({ id: courses.id });
    archivedCourses = archived.length;
    await tx.update(lessons).set({ archivedAt: sql`now()` })
      .where(and(isNull(lessons.archivedAt), lessonIds.length ? notInArray(lessons.id, lessonIds) : sql`true`));
    // Translations carry no learner data (progress is keyed on the source ids): replace them all.
    await tx.delete(contentTranslations).where(sql`true`);
    for (const row of translationRows) await tx.insert(contentTranslations).values(row);
    // Audit-logged when asked: always for a publish from the admin page, on changes for start and CLI.
    if (opts.audit && (changes.length || opts.audit.evenIfUnchanged)) {
      await tx.insert(auditLog).values({
        actorUserId: opts.audit.actorUserId, action: "content.published", target: path.basename(path.resolve(opts.contentDir)),
        details: { source: opts.audit.source, courses: courseRows.length, lessons: lessonRows.length, changes },
      });
    }
  });
  const rel = (f: string) => path.relative(path.resolve(opts.contentDir), path.resolve(f));
  writeIdRegistry(opts.contentDir, Object.fromEntries(sources.flatMap((c) => [[rel(c.file), c.frontmatter.id], ...c.lessons.map((l) => [rel(l.file), l.frontmatter.id])])));
  return { courses: courseRows.length, lessons: lessonRows.length, archivedCourses, problems: [], changes };
}
