import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "#db/index";
import { accounts, assignments, auditLog, courses, STAGES, users } from "#db/schema/index";

/**
 * Who assigns: admins and CS leaders for any account, an account admin for their own account only, an
 * API token (scope assignments:write) for any account. Learners never.
 */
export type Assigner =
  | { kind: "user"; id: string; role: string; accountId: string | null; isAccountAdmin: boolean }
  | { kind: "token"; id: string };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** Date.parse rolls 2027-02-30 over to March 2: a real date survives the round trip unchanged. */
const isRealDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/** The assignment form / API body: a course or a stage path, to some learners or to all of an account's. */
export const AssignmentInput = z
  .object({
    account: z.string().trim().min(1, "Choose the account."),
    course: z.string().trim().min(1).optional(),
    stage: z.enum(STAGES).optional(),
    learners: z
      .array(z.string().trim().toLowerCase().email("Each learner must be an email address."))
      .max(5000)
      .optional(),
    allLearners: z.boolean().default(false),
    dueOn: z.string().regex(isoDate, "Use a date like 2027-01-31.").refine(isRealDate, "Not a real date.").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.course === !v.stage)
      ctx.addIssue({ code: "custom", path: ["course"], message: "Choose either one course or one stage path." });
    if (!v.allLearners && !v.learners?.length)
      ctx.addIssue({
        code: "custom",
        path: ["learners"],
        message: "Choose learners, or every learner of the account.",
      });
    if (v.dueOn && v.dueOn < new Date().toISOString().slice(0, 10))
      ctx.addIssue({ code: "custom", path: ["dueOn"], message: "The due date is in the past." });
  });
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export type AssignResult =
  | { ok: true; assigned: number; learners: number; courses: string[] }
  | {
      ok: false;
      /** no_account: unknown account (404); not_allowed: not theirs to assign (403); invalid: the course or learners (400). */
      reason: "no_account" | "not_allowed" | "invalid";
      fieldErrors: Partial<Record<"account" | "course" | "learners", string>>;
    };

/** The account may be named by id (forms) or external id (API). */
async function findAccount(db: Db, ref: string) {
  const byId = /^[0-9a-f-]{36}$/i.test(ref) ? eq(accounts.id, ref) : eq(accounts.externalId, ref);
  const [row] = await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(byId).limit(1);
  return row ?? null;
}

export function canAssign(who: Assigner, accountId: string): boolean {
  if (who.kind === "token") return true;
  if (who.role === "admin" || who.role === "cs_leader") return true;
  return who.role === "learner" && who.isAccountAdmin && who.accountId === accountId;
}

/**
 * Assigns the course (or every published course of the stage) to the learners, upserting by learner and
 * course (a repeat updates the due date), with one audit row, in one transaction. Nothing is written
 * when any learner is not an active learner of the account.
 */
export async function assignCourses(
  db: Db,
  who: Assigner,
  input: AssignmentInput,
  source: "web" | "api",
): Promise<AssignResult> {
  const account = await findAccount(db, input.account);
  if (!account) return { ok: false, reason: "no_account", fieldErrors: { account: "No such account." } };
  if (!canAssign(who, account.id))
    return {
      ok: false,
      reason: "not_allowed",
      fieldErrors: { account: "You may assign courses to your own account's learners only." },
    };
  const courseRows = await db
    .select({ id: courses.id })
    .from(courses)
    .where(
      and(
        input.course ? eq(courses.id, input.course) : eq(courses.stage, input.stage!),
        eq(courses.status, "published"),
        isNull(courses.archivedAt),
      ),
    );
  if (!courseRows.length)
    return {
      ok: false,
      reason: "invalid",
      fieldErrors: {
        course: input.course
          ? `No published course "${input.course}".`
          : `No published course in the ${input.stage} stage.`,
      },
    };
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.accountId, account.id),
        eq(users.role, "learner"),
        isNull(users.deactivatedAt),
        ...(input.allLearners ? [] : [inArray(users.email, input.learners!)]),
      ),
    );
  if (!input.allLearners) {
    const known = new Set(people.map((p) => p.email));
    const missing = input.learners!.filter((e) => !known.has(e));
    if (missing.length)
      return {
        ok: false,
        reason: "invalid",
        fieldErrors: {
          learners: `Not learners of ${account.name}: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}.`,
        },
      };
  }
  if (!people.length)
    return { ok: false, reason: "invalid", fieldErrors: { learners: `${account.name} has no learners yet.` } };
  const rows = people.flatMap((p) =>
    courseRows.map((c) => ({
      accountId: account.id,
      userId: p.id,
      courseId: c.id,
      pathStage: input.stage ?? null,
      dueOn: input.dueOn ?? null,
      assignedBy: who.kind === "user" ? who.id : null,
      source,
    })),
  );
  await db.transaction(async (tx: Tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(assignments)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [assignments.userId, assignments.courseId],
          set: {
            dueOn: sql`excluded.due_on`,
            pathStage: sql`excluded.path_stage`,
            assignedBy: sql`excluded.assigned_by`,
            source: sql`excluded.source`,
            updatedAt: sql`now()`,
          },
        });
    }
    await tx.insert(auditLog).values({
      actorUserId: who.kind === "user" ? who.id : null,
      accountId: account.id,
      action: "assignment.create",
      target: input.course ?? `stage:${input.stage}`,
      details: {
        learners: people.length,
        courses: courseRows.map((c) => c.id),
        dueOn: input.dueOn ?? null,
        allLearners: input.allLearners,
        ...(who.kind === "token" ? { token: who.id } : {}),
      },
    });
  });
  return { ok: true, assigned: rows.length, learners: people.length, courses: courseRows.map((c) => c.id) };
}
