import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx, Executor } from "#db/index";
import { accounts, auditLog, sessions, users } from "#db/schema/index";
import { ScimError, type PersonChanges, type ScimFilter, type ScimPerson } from "./resource";
import { applyAssignmentRules } from "#app/learning/assignment-rules.server";

/** SCIM provisions learners of customer accounts; staff are managed in /admin/users and never exposed here. */
const person = {
  id: users.id,
  userName: users.email,
  name: users.name,
  externalId: users.externalId,
  deactivatedAt: users.deactivatedAt,
  organization: accounts.externalId,
  created: users.createdAt,
  accountId: users.accountId,
};

type Row = {
  id: string;
  userName: string;
  name: string;
  externalId: string | null;
  deactivatedAt: Date | null;
  organization: string | null;
  created: Date;
  accountId: string | null;
};

function toPerson(r: Row): ScimPerson {
  return {
    id: r.id,
    userName: r.userName,
    name: r.name,
    externalId: r.externalId,
    active: !r.deactivatedAt,
    organization: r.organization,
    created: r.created,
    lastModified: r.deactivatedAt ?? r.created,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findRow(db: Executor, id: string, lock = false): Promise<Row | undefined> {
  if (!UUID.test(id)) return undefined;
  const q = db
    .select(person)
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, id), eq(users.role, "learner")))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: users }) : await q;
  return row;
}

export async function getScimUser(db: Db, id: string): Promise<ScimPerson> {
  const row = await findRow(db, id);
  if (!row) throw new ScimError(404, `User ${id} not found`);
  return toPerson(row);
}

export async function listScimUsers(db: Db, filter: ScimFilter, startIndex: number, countWanted: number) {
  const where: SQL[] = [eq(users.role, "learner")];
  if (filter?.attribute === "userName") where.push(eq(users.email, filter.value));
  if (filter?.attribute === "externalId") where.push(eq(users.externalId, filter.value));
  if (filter?.attribute === "id") where.push(UUID.test(filter.value) ? eq(users.id, filter.value) : sql`false`);
  const [total] = await db
    .select({ n: count() })
    .from(users)
    .where(and(...where));
  const rows =
    countWanted === 0
      ? []
      : await db
          .select(person)
          .from(users)
          .leftJoin(accounts, eq(accounts.id, users.accountId))
          .where(and(...where))
          .orderBy(asc(users.createdAt), asc(users.id))
          .limit(countWanted)
          .offset(startIndex - 1);
  return { total: total?.n ?? 0, people: rows.map(toPerson) };
}

/** The customer account: the enterprise extension's organization (account external id), else the email domain. */
async function accountFor(tx: Tx, userName: string, organization?: string): Promise<string> {
  if (organization) {
    const [a] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.externalId, organization))
      .limit(1);
    if (!a) throw new ScimError(400, `No customer account with external id "${organization}"`, "invalidValue");
    return a.id;
  }
  const domain = userName.split("@")[1] ?? "";
  const [a] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(sql`${domain} = any(${accounts.emailDomains})`)
    .limit(1);
  if (!a)
    throw new ScimError(
      400,
      `No customer account is set up for @${domain}; send the enterprise extension's "organization" (the account's external id)`,
      "invalidValue",
    );
  return a.id;
}

async function assertUserNameFree(tx: Tx, userName: string, exceptId?: string) {
  const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.email, userName)).limit(1);
  if (clash && clash.id !== exceptId) throw new ScimError(409, `userName "${userName}" is already taken`, "uniqueness");
}

export async function createScimUser(db: Db, changes: PersonChanges & { userName: string }): Promise<ScimPerson> {
  return db.transaction(async (tx) => {
    await assertUserNameFree(tx, changes.userName);
    const accountId = await accountFor(tx, changes.userName, changes.organization);
    const [created] = await tx
      .insert(users)
      .values({
        email: changes.userName,
        name: changes.name ?? changes.userName.split("@")[0]!,
        role: "learner",
        accountId,
        externalId: changes.externalId ?? null,
        deactivatedAt: changes.active === false ? new Date() : null,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!created) throw new ScimError(409, `userName "${changes.userName}" is already taken`, "uniqueness");
    if (accountId && changes.active !== false) await applyAssignmentRules(tx, created.id, accountId);
    await tx.insert(auditLog).values({
      accountId,
      action: "user.provisioned_scim",
      target: created.id,
      details: { userName: changes.userName, externalId: changes.externalId ?? null },
    });
    return toPerson((await findRow(tx, created.id))!);
  });
}

/**
 * Applies changes to a learner in one transaction. Deactivation revokes every session at once and keeps
 * progress; every change lands in the audit log with before and after.
 */
export async function updateScimUser(db: Db, id: string, changes: PersonChanges): Promise<ScimPerson> {
  return db.transaction(async (tx) => {
    const row = await findRow(tx, id, true);
    if (!row) throw new ScimError(404, `User ${id} not found`);
    if (changes.userName && changes.userName !== row.userName) await assertUserNameFree(tx, changes.userName, id);
    const accountId =
      changes.organization && changes.organization !== row.organization
        ? await accountFor(tx, changes.userName ?? row.userName, changes.organization)
        : row.accountId;
    const deactivate = changes.active === false && !row.deactivatedAt;
    const reactivate = changes.active === true && !!row.deactivatedAt;
    await tx
      .update(users)
      .set({
        ...(changes.userName ? { email: changes.userName } : {}),
        ...(changes.name ? { name: changes.name } : {}),
        ...(changes.externalId !== undefined ? { externalId: changes.externalId } : {}),
        ...(deactivate ? { deactivatedAt: new Date() } : reactivate ? { deactivatedAt: null } : {}),
        accountId,
      })
      .where(eq(users.id, id));
    if (deactivate || accountId !== row.accountId) await tx.delete(sessions).where(eq(sessions.userId, id));
    const after = (await findRow(tx, id))!;
    const action = deactivate ? "user.deactivated" : reactivate ? "user.reactivated" : "user.updated_scim";
    await tx.insert(auditLog).values({
      accountId: after.accountId,
      action,
      target: id,
      details: {
        via: "scim",
        before: {
          userName: row.userName,
          name: row.name,
          externalId: row.externalId,
          active: !row.deactivatedAt,
          organization: row.organization,
        },
        after: {
          userName: after.userName,
          name: after.name,
          externalId: after.externalId,
          active: !after.deactivatedAt,
          organization: after.organization,
        },
      },
    });
    return toPerson(after);
  });
}
