import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/index";
import { accounts, courses, STAGES, users } from "#db/schema/index";
import type { SessionUser } from "#app/auth/session.server";
import { canAssign, type Assigner, AssignmentInput } from "./assignments.server";

export function assignerFor(user: SessionUser): Assigner {
  return { kind: "user", id: user.id, role: user.role, accountId: user.accountId, isAccountAdmin: user.isAccountAdmin };
}

export type AssignAccount =
  { ok: true; account: { id: string; name: string } } | { ok: false; reason: "forbidden" | "not_found" };

/**
 * The account the assignment page works on: an account admin's own (the request cannot choose another),
 * or the `account` query parameter for admins and CS leaders. Anyone else is "forbidden"; an account
 * that does not exist or is not theirs is "not_found" (the route answers 403 / 404).
 */
export async function resolveAssignAccount(
  db: Db,
  user: SessionUser,
  requested: string | null,
): Promise<AssignAccount> {
  const isStaff = user.role === "admin" || user.role === "cs_leader";
  const accountId = isStaff ? requested : user.accountId;
  if (!isStaff && !(user.role === "learner" && user.isAccountAdmin)) return { ok: false, reason: "forbidden" };
  if (!accountId || !/^[0-9a-f-]{36}$/i.test(accountId)) return { ok: false, reason: "not_found" };
  const [account] = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!account || !canAssign(assignerFor(user), account.id)) return { ok: false, reason: "not_found" };
  return { ok: true, account };
}

/** Published courses and the stages, for the rule form. */
export async function publishedCourseChoices(db: Db) {
  const courseRows = await db
    .select({ id: courses.id, title: courses.title, stage: courses.stage })
    .from(courses)
    .where(and(eq(courses.status, "published"), isNull(courses.archivedAt)))
    .orderBy(asc(courses.position), asc(courses.title));
  return { courses: courseRows, stages: STAGES };
}

/** Courses (published) and the account's active learners, for the form's choices. */
export async function assignChoices(db: Db, accountId: string) {
  const [courseRows, learners] = await Promise.all([
    db
      .select({ id: courses.id, title: courses.title, stage: courses.stage })
      .from(courses)
      .where(and(eq(courses.status, "published"), isNull(courses.archivedAt)))
      .orderBy(asc(courses.position), asc(courses.title)),
    db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.accountId, accountId), eq(users.role, "learner"), isNull(users.deactivatedAt)))
      .orderBy(asc(users.name)),
  ]);
  return { courses: courseRows, stages: STAGES, learners };
}

/** Which form field shows an AssignmentInput problem: the course or stage under "what", the learners under "learner". */
const FORM_FIELD: Record<string, string> = { course: "what", stage: "what", learners: "learner", dueOn: "dueOn" };
const CHOOSE_WHAT = "Choose a course or a stage path.";

/**
 * The assignment form for one account, for conform's parseWithZod: `what` is "course:<id>" or
 * "stage:<stage>", `who` is "all" or "some" with `learner` emails. Its value is the AssignmentInput the
 * API takes too, checked by the same schema; each problem lands on the form field that caused it.
 */
export function assignFormSchema(accountId: string) {
  return z
    .object({
      what: z.string().optional(),
      who: z.string().optional(),
      learner: z.array(z.string()).optional(),
      dueOn: z.string().optional(),
    })
    .transform((form, ctx) => {
      const what = form.what ?? "";
      const [kind, value] = [what.slice(0, what.indexOf(":")), what.slice(what.indexOf(":") + 1)];
      const parsed = AssignmentInput.safeParse({
        account: accountId,
        course: kind === "course" && value ? value : undefined,
        stage: kind === "stage" && value ? value : undefined,
        allLearners: form.who === "all",
        learners: form.who === "all" ? undefined : (form.learner ?? []),
        dueOn: form.dueOn?.trim() || undefined,
      });
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        const field = FORM_FIELD[String(issue.path[0])] ?? "";
        ctx.addIssue({
          code: "custom",
          path: field ? [field] : [],
          message: field === "what" ? CHOOSE_WHAT : issue.message,
        });
      }
      return z.NEVER;
    });
}
