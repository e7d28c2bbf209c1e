import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db, type Tx } from "#db/index";
import { assignmentRules, auditLog, courses, STAGES } from "#db/schema/index";

/**
 * Assignment by rule: "every new learner at accounts in the <stage> stage gets <course>, due <N> days
 * after joining". Rules apply when a learner is created (sign-up, invitation, product JWT, OIDC/SAML,
 * SCIM — each calls applyAssignmentRules in its own transaction) and, once, to the existing learners
 * of matching accounts when the rule is created. Never two assignments for one person and course: the
 * insert does nothing where one exists (an explicit assignment keeps its due date).
 */
/** The rule form (parsed by conform: an empty box arrives absent, a number as a number). */
export const RuleInput = z.object({
  accountStage: z.enum(STAGES, { errorMap: () => ({ message: "Choose an account stage." }) }),
  course: z.string({ required_error: "Choose a course." }).trim().min(1, "Choose a course."),
  dueDays: z
    .number({ invalid_type_error: "A whole number of days." })
    .int("A whole number of days.")
    .min(1, "At least 1 day.")
    .max(365, "At most 365 days.")
    .optional(),
});
export type RuleInput = z.infer<typeof RuleInput>;

/** Inserts the assignments rules give one new learner; call inside the transaction that created them. */
export async function applyAssignmentRules(tx: Tx | Db, userId: string, accountId: string): Promise<number> {
  const rows = await queryRows(
    tx as Db,
    sql`
    insert into assignments (account_id, user_id, course_id, due_on, source)
    select a.id, ${userId}::uuid, r.course_id,
      case when r.due_days is null then null else (now() at time zone 'UTC')::date + r.due_days end, 'rule'
    from assignment_rules r join accounts a on a.id = ${accountId}::uuid and a.lifecycle_stage = r.account_stage
      join courses c on c.id = r.course_id and c.status = 'published' and c.archived_at is null
    where r.active
    on conflict (user_id, course_id) do nothing
    returning id`,
  );
  return rows.length;
}

export type CreateRuleResult =
  { ok: true; ruleId: string; assigned: number } | { ok: false; reason: "no_such_course" | "duplicate" };

/** Creates the rule and assigns its course to the existing active learners of matching accounts, in one transaction. */
export async function createAssignmentRule(db: Db, actorId: string, input: RuleInput): Promise<CreateRuleResult> {
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.id, input.course), eq(courses.status, "published"), isNull(courses.archivedAt)))
    .limit(1);
  if (!course) return { ok: false, reason: "no_such_course" };
  const [dup] = await db
    .select({ id: assignmentRules.id })
    .from(assignmentRules)
    .where(
      and(
        eq(assignmentRules.accountStage, input.accountStage),
        eq(assignmentRules.courseId, input.course),
        eq(assignmentRules.active, true),
      ),
    )
    .limit(1);
  if (dup) return { ok: false, reason: "duplicate" };
  const dueDays = input.dueDays ?? null;
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .insert(assignmentRules)
      .values({ accountStage: input.accountStage, courseId: input.course, dueDays, createdBy: actorId })
      .returning({ id: assignmentRules.id });
    const assigned = await queryRows(
      tx as unknown as Db,
      sql`
      insert into assignments (account_id, user_id, course_id, due_on, source)
      select u.account_id, u.id, ${input.course},
        ${dueDays === null ? sql`null::date` : sql`(now() at time zone 'UTC')::date + ${dueDays}::int`}, 'rule'
      from users u join accounts a on a.id = u.account_id and a.lifecycle_stage = ${input.accountStage}
      where u.role = 'learner' and u.deactivated_at is null
      on conflict (user_id, course_id) do nothing
      returning id`,
    );
    await tx.insert(auditLog).values({
      actorUserId: actorId,
      action: "assignment_rule.create",
      target: `stage:${input.accountStage}`,
      details: { course: input.course, dueDays, assigned: assigned.length },
    });
    return { ok: true as const, ruleId: rule!.id, assigned: assigned.length };
  });
}

export async function listAssignmentRules(db: Db) {
  return db
    .select({
      id: assignmentRules.id,
      accountStage: assignmentRules.accountStage,
      courseId: assignmentRules.courseId,
      courseTitle: courses.title,
      dueDays: assignmentRules.dueDays,
      createdAt: assignmentRules.createdAt,
    })
    .from(assignmentRules)
    .innerJoin(courses, eq(courses.id, assignmentRules.courseId))
    .where(eq(assignmentRules.active, true))
    .orderBy(asc(assignmentRules.accountStage), asc(courses.title));
}

/** Switches a rule off: future learners no longer get the course; existing assignments stay. */
export async function deactivateAssignmentRule(
  db: Db,
  actorId: string,
  ruleId: string,
): Promise<{ ok: true } | { ok: false; reason: "not_active" }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(assignmentRules)
      .set({ active: false })
      .where(and(eq(assignmentRules.id, ruleId), eq(assignmentRules.active, true)))
      .returning({ id: assignmentRules.id });
    if (rows.length)
      await tx
        .insert(auditLog)
        .values({ actorUserId: actorId, action: "assignment_rule.deactivate", target: ruleId, details: {} });
    return rows.length ? ({ ok: true } as const) : ({ ok: false, reason: "not_active" } as const);
  });
}
