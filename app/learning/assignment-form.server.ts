import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, courses, STAGES, users } from "#db/schema/index";
import type { SessionUser } from "#app/auth/session.server";
import { canAssign, type Assigner, AssignmentInput } from "./assignments.server";

export function assignerFor(user: SessionUser): Assigner {
  return { kind: "user", id: user.id, role: user.role, accountId: user.accountId, isAccountAdmin: user.isAccountAdmin };
}

/**
 * The account the assignment page works on: an account admin's own (the request cannot choose another),
 * or the `account` query parameter for admins and CS leaders. Throws 403/404 Responses otherwise.
 */
export async function resolveAssignAccount(db: Db, user: SessionUser, requested: string | null) {
  const isStaff = user.role === "admin" || user.role === "cs_leader";
  const accountId = isStaff ? requested : user.accountId;
  if (!isStaff && !(user.role === "learner" && user.isAccountAdmin)) throw new Response("Forbidden", { status: 403 });
  if (!accountId || !/^[0-9a-f-]{36}$/i.test(accountId)) throw new Response("Not found", { status: 404 });
  const [account] = await db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .limit(1);
  if (!account || !canAssign(assignerFor(user), account.id)) throw new Response("Not found", { status: 404 });
  return account;
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

export type AssignFieldErrors = Partial<Record<"account" | "course" | "learners" | "dueOn", string>>;

/** Form fields → AssignmentInput: `what` is "course:<id>" or "stage:<stage>", `who` is "all" or "some" with `learner` emails. */
export function parseAssignForm(
  form: FormData,
  accountId: string,
): { ok: true; input: AssignmentInput } | { ok: false; fieldErrors: AssignFieldErrors } {
  const what = String(form.get("what") ?? "");
  const [kind, value] = [what.slice(0, what.indexOf(":")), what.slice(what.indexOf(":") + 1)];
  const due = String(form.get("dueOn") ?? "").trim();
  const parsed = AssignmentInput.safeParse({
    account: accountId,
    course: kind === "course" && value ? value : undefined,
    stage: kind === "stage" && value ? value : undefined,
    allLearners: form.get("who") === "all",
    learners: form.get("who") === "all" ? undefined : form.getAll("learner").map(String),
    dueOn: due || undefined,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors: AssignFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = (issue.path[0] === "stage" ? "course" : issue.path[0]) as keyof AssignFieldErrors;
    fieldErrors[key] ??= key === "course" ? "Choose a course or a stage path." : issue.message;
  }
  return { ok: false, fieldErrors };
}
