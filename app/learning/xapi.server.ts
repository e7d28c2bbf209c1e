import crypto from "node:crypto";
import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, learningEvents, lessons, users } from "#db/schema/index";

/** xAPI verb IRIs for the learning_events verbs (ADL vocabulary where one exists). */
const VERBS: Record<string, { id: string; display: string }> = {
  started: { id: "http://adlnet.gov/expapi/verbs/attempted", display: "attempted" },
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: "completed" },
  attempted: { id: "http://adlnet.gov/expapi/verbs/answered", display: "answered" },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: "passed" },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: "failed" },
  certified: { id: "http://id.tincanapi.com/verb/earned", display: "earned" },
  rated: { id: "http://id.tincanapi.com/verb/rated", display: "rated" },
};

const ACTIVITY_TYPES: Record<string, string> = {
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  course: "http://adlnet.gov/expapi/activities/course",
  quiz: "http://adlnet.gov/expapi/activities/assessment",
  certificate: "https://w3id.org/xapi/cmi5/activitytype/block",
};

/** Deterministic statement id (UUID v5 layout) so re-exports are idempotent for the LRS. */
export function statementId(eventId: number): string {
  const h = crypto.createHash("sha1").update(`uplift-learning-event:${eventId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface StatementPage {
  statements: Record<string, unknown>[];
  more: string;
}

/**
 * The learning_events log as xAPI 1.0.3 statements, oldest first, paged by event id (cursor).
 * `since` filters on the event time (xAPI's own query parameter name).
 */
export async function listStatements(
  db: Db,
  opts: { baseUrl: string; limit: number; cursor?: number; since?: Date },
): Promise<StatementPage> {
  const rows = await db
    .select({
      event: learningEvents,
      email: users.email,
      name: users.name,
      accountName: accounts.name,
      lessonCourseId: lessons.courseId,
      lessonTitle: lessons.title,
    })
    .from(learningEvents)
    .innerJoin(users, eq(users.id, learningEvents.userId))
    .innerJoin(accounts, eq(accounts.id, learningEvents.accountId))
    .leftJoin(lessons, and(eq(learningEvents.objectType, sql`'lesson'`), eq(lessons.id, learningEvents.objectId)))
    .where(
      and(
        opts.cursor ? gt(learningEvents.id, opts.cursor) : sql`true`,
        opts.since ? gte(learningEvents.occurredAt, opts.since) : sql`true`,
      ),
    )
    .orderBy(asc(learningEvents.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const statements = page.map(({ event, email, name, accountName, lessonCourseId, lessonTitle }) => {
    const verb = VERBS[event.verb] ?? { id: `${opts.baseUrl}/xapi/verbs/${event.verb}`, display: event.verb };
    const objectPath =
      event.objectType === "lesson" && lessonCourseId
        ? `/courses/${lessonCourseId}/${event.objectId}`
        : event.objectType === "course"
          ? `/courses/${event.objectId}`
          : `/xapi/activities/${event.objectType}/${event.objectId}`;
    const result = (event.result ?? undefined) as Record<string, unknown> | undefined;
    return {
      id: statementId(event.id),
      version: "1.0.3",
      actor: { objectType: "Agent", name, mbox: `mailto:${email}` },
      verb: { id: verb.id, display: { "en-US": verb.display } },
      object: {
        objectType: "Activity",
        id: `${opts.baseUrl}${objectPath}`,
        definition: {
          type: ACTIVITY_TYPES[event.objectType] ?? ACTIVITY_TYPES.lesson,
          ...(lessonTitle ? { name: { "en-US": lessonTitle } } : {}),
        },
      },
      ...(result ? { result: toXapiResult(result) } : {}),
      context: {
        platform: "Uplift Academy",
        ...(lessonCourseId
          ? {
              contextActivities: {
                parent: [{ objectType: "Activity", id: `${opts.baseUrl}/courses/${lessonCourseId}` }],
              },
            }
          : {}),
        extensions: { [`${opts.baseUrl}/xapi/extensions/account`]: { id: event.accountId, name: accountName } },
      },
      timestamp: event.occurredAt.toISOString(),
      stored: event.occurredAt.toISOString(),
    };
  });
  const last = page[page.length - 1];
  const more =
    rows.length > opts.limit && last
      ? `/api/v1/xapi/statements?limit=${opts.limit}&cursor=${last.event.id}${opts.since ? `&since=${encodeURIComponent(opts.since.toISOString())}` : ""}`
      : "";
  return { statements, more };
}

/** Maps our result JSON onto xAPI's result object (completion, success, score.scaled). */
function toXapiResult(r: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  if (typeof r.completion === "boolean") out.completion = r.completion;
  if (typeof r.passed === "boolean") out.success = r.passed;
  if (typeof r.score === "number")
    out.score = { scaled: Math.max(-1, Math.min(1, r.score > 1 ? r.score / 100 : r.score)) };
  return out;
}
