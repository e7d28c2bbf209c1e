import { and, asc, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "#db/index";
import { accounts, auditLog, sessions, users, ROLES, type Role } from "#db/schema/index";

export const USER_PAGE_SIZE = 50;

export const UserFilters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  account: z.string().uuid().optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "deactivated"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type UserFilters = z.infer<typeof UserFilters>;

/** People matching the filters, newest sign-in first, with their account's name. */
export async function listUsers(db: Db, f: UserFilters) {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.email, like), ilike(users.name, like))!);
  }
  if (f.account) where.push(eq(users.accountId, f.account));
  if (f.role) where.push(eq(users.role, f.role));
  if (f.status === "active") where.push(isNull(users.deactivatedAt));
  if (f.status === "deactivated") where.push(isNotNull(users.deactivatedAt));
  const cond = where.length ? and(...where) : undefined;
  const [total] = await db.select({ n: count() }).from(users).where(cond);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      isAccountAdmin: users.isAccountAdmin,
      accountId: users.accountId,
      accountName: accounts.name,
      deactivatedAt: users.deactivatedAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(cond)
    .orderBy(sql`${users.lastSignInAt} desc nulls last`, asc(users.email))
    .limit(USER_PAGE_SIZE)
    .offset((f.page - 1) * USER_PAGE_SIZE);
  return { total: total?.n ?? 0, rows };
}

export async function accountChoices(db: Db) {
  return db.select({ id: accounts.id, name: accounts.name }).from(accounts).orderBy(asc(accounts.name));
}

/** One person with the audit entries about them (who changed what, when, before → after). */
export async function userDetail(db: Db, id: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      isAccountAdmin: users.isAccountAdmin,
      accountId: users.accountId,
      accountName: accounts.name,
      deactivatedAt: users.deactivatedAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, id))
    .limit(1);
  if (!user) return null;
  const actor = sql<string | null>`(select u.email from ${users} u where u.id = ${auditLog.actorUserId})`;
  const history = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorEmail: actor,
    })
    .from(auditLog)
    .where(eq(auditLog.target, id))
    .orderBy(desc(auditLog.createdAt))
    .limit(100);
  return { user, history };
}

/** The role form (parsed by conform: an empty choice arrives absent, the checkbox as "on"). */
export const RoleChange = z
  .object({
    role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
    accountId: z.string().uuid("Unknown account.").optional(),
    isAccountAdmin: z
      .enum(["on"])
      .optional()
      .transform((v) => v === "on"),
  })
  .refine((v) => v.role !== "learner" || v.accountId, {
    path: ["accountId"],
    message: "Learners belong to a customer account.",
  });
export type RoleChange = z.infer<typeof RoleChange>;

/** A refusal: `invalid` (the form, 400), `not_found` (404) or `last_admin` (409, the last active admin stays). */
export type AdminResult =
  | { ok: true }
  | { ok: false; reason: "invalid" | "not_found" | "last_admin"; fieldErrors?: Record<string, string>; error: string };

type Snapshot = { role: Role; accountId: string | null; isAccountAdmin: boolean; deactivated: boolean };

async function lockedTarget(tx: Tx, id: string) {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1).for("update");
  return row;
}

/** Admins are the only ones who can undo these changes: the last active admin cannot be demoted or deactivated. */
async function otherActiveAdmins(tx: Tx, exceptId: string) {
  const [r] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt), sql`${users.id} <> ${exceptId}`));
  return r?.n ?? 0;
}

/**
 * Changes a person's role. Learners belong to a customer account (required); staff belong to none.
 * Before and after land in the audit log in the same transaction.
 */
export async function changeRole(db: Db, actorId: string, userId: string, change: RoleChange): Promise<AdminResult> {
  if (change.role === "learner" && !change.accountId)
    return {
      ok: false,
      reason: "invalid",
      error: "Choose the learner's customer account.",
      fieldErrors: { accountId: "Learners belong to a customer account." },
    };
  return db.transaction(async (tx) => {
    const target = await lockedTarget(tx, userId);
    if (!target) return { ok: false, reason: "not_found", error: "No such person." } as const;
    if (change.accountId) {
      const [acc] = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(eq(accounts.id, change.accountId))
        .limit(1);
      if (!acc)
        return {
          ok: false,
          reason: "invalid",
          error: "That customer account does not exist.",
          fieldErrors: { accountId: "Unknown account." },
        } as const;
    }
    if (target.role === "admin" && change.role !== "admin" && (await otherActiveAdmins(tx, userId)) === 0) {
      return {
        ok: false,
        reason: "last_admin",
        error: "This is the last active admin: make someone else admin first.",
      } as const;
    }
    const before: Snapshot = {
      role: target.role,
      accountId: target.accountId,
      isAccountAdmin: target.isAccountAdmin,
      deactivated: !!target.deactivatedAt,
    };
    const after: Snapshot = {
      role: change.role,
      accountId: change.role === "learner" ? change.accountId! : null,
      isAccountAdmin: change.role === "learner" ? change.isAccountAdmin : false,
      deactivated: before.deactivated,
    };
    await tx
      .update(users)
      .set({ role: after.role, accountId: after.accountId, isAccountAdmin: after.isAccountAdmin })
      .where(eq(users.id, userId));
    // Sessions carry the account they were opened for: a moved learner signs in again.
    if (before.accountId !== after.accountId) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.insert(auditLog).values({
      actorUserId: actorId,
      accountId: after.accountId ?? before.accountId,
      action: "user.role_changed",
      target: userId,
      details: { before, after },
    });
    return { ok: true } as const;
  });
}

/** Deactivates (sessions revoked at once, sign-in refused, progress kept) or reactivates a person. */
export async function setUserActive(
  db: Db,
  actorId: string | null,
  userId: string,
  active: boolean,
  via = "admin",
): Promise<AdminResult> {
  return db.transaction(async (tx) => {
    const target = await lockedTarget(tx, userId);
    if (!target) return { ok: false, reason: "not_found", error: "No such person." } as const;
    if (!active && target.role === "admin" && !target.deactivatedAt && (await otherActiveAdmins(tx, userId)) === 0) {
      return {
        ok: false,
        reason: "last_admin",
        error: "This is the last active admin: it cannot be deactivated.",
      } as const;
    }
    if (!!target.deactivatedAt === !active) return { ok: true } as const;
    await tx
      .update(users)
      .set({ deactivatedAt: active ? null : new Date() })
      .where(eq(users.id, userId));
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.insert(auditLog).values({
      actorUserId: actorId,
      accountId: target.accountId,
      action: active ? "user.reactivated" : "user.deactivated",
      target: userId,
      details: { before: { deactivated: !!target.deactivatedAt }, after: { deactivated: !active }, via },
    });
    return { ok: true } as const;
  });
}
