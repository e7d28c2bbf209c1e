import path from "node:path";
import { asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { auditLog, courses, users } from "#db/schema/index";
import { checkContent } from "./check.server";
import { syncContent, type SyncResult } from "./sync.server";
import type { ContentChange } from "./changes";
import type { ContentProblem } from "./load.server";
import { scheduleViewWarmUp } from "#app/analytics/report/warm-up.server";

export type PublishOutcome =
  | { ok: true; courses: number; lessons: number; changes: ContentChange[] }
  | { ok: false; problems: ContentProblem[] };

// One publish at a time in this process (two clicks, two authors): each sees the other's result.
let running: Promise<unknown> = Promise.resolve();

/**
 * "Publish content" from the admin page, inside the running server (issue 21): the full content check
 * first — any problem publishes nothing and is returned as path:line:col — then the sync, in one
 * transaction, audit-logged with what changed. Pages read content through content hashes and caches
 * versioned by courses.updated_at, so the next request (in any server process) serves the new version.
 */
export function publishContent(db: Db, opts: { contentDir: string; dataDir: string; actorUserId: string }): Promise<PublishOutcome> {
  const run = running.then(() => publishNow(db, opts), () => publishNow(db, opts));
  running = run.catch(() => undefined);
  return run;
}

async function publishNow(db: Db, opts: { contentDir: string; dataDir: string; actorUserId: string }): Promise<PublishOutcome> {
  const cacheDir = path.join(opts.dataDir, "cache/mdx");
  const problems = await checkContent(opts.contentDir, { cacheDir });
  let result: SyncResult | null = null;
  if (!problems.length) result = await syncContent(db, { contentDir: opts.contentDir, cacheDir, audit: { actorUserId: opts.actorUserId, source: "admin page", evenIfUnchanged: true } });
  const refused = problems.length ? problems : result!.problems;
  if (refused.length) {
    await db.transaction(async (tx) => {
      await tx.insert(auditLog).values({
        actorUserId: opts.actorUserId, action: "content.publish_refused", target: path.basename(path.resolve(opts.contentDir)),
        details: { problems: refused.length, first: refused.slice(0, 5).map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`) },
      });
    });
    return { ok: false, problems: refused };
  }
  scheduleViewWarmUp(db);
  return { ok: true, courses: result!.courses, lessons: result!.lessons, changes: result!.changes };
}

/** What is published now: courses (drafts too) with their lesson counts, for the publish page. */
export async function listPublishedCourses(db: Db) {
  return db.select({
    id: courses.id, title: courses.title, status: courses.status, sourcePath: courses.sourcePath, updatedAt: courses.updatedAt,
    lessons: sql<number>`(select count(*)::int from lessons l where l.course_id = courses.id and l.archived_at is null)`,
  }).from(courses).where(isNull(courses.archivedAt)).orderBy(asc(courses.position), asc(courses.title));
}

/** The latest publishes and refusals from the audit log (page, CLI and start-up syncs that changed something). */
export async function recentPublishes(db: Db, limit = 8) {
  const rows = await db.select({ id: auditLog.id, action: auditLog.action, actor: users.name, details: auditLog.details, createdAt: auditLog.createdAt })
    .from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(inArray(auditLog.action, ["content.published", "content.publish_refused"]))
    .orderBy(desc(auditLog.id)).limit(limit);
  return rows.map((r) => ({ ...r, details: (r.details ?? {}) as { source?: string; changes?: ContentChange[]; problems?: number } }));
}

