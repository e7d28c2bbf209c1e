import crypto from "node:crypto";
import type { Db } from "#db/index";
import { accounts, users } from "#db/schema/index";
import type { Role } from "#db/schema/index";

/** Test data built directly in the database (cheap password hash: tests never sign in with it via scrypt). */
export async function createAccount(db: Db, overrides: Partial<typeof accounts.$inferInsert> = {}) {
  const suffix = crypto.randomBytes(4).toString("hex");
  const [row] = await db
    .insert(accounts)
    .values({
      externalId: `T-${suffix}`,
      name: `Test Co ${suffix}`,
      emailDomains: [`${suffix}.test`],
      segment: "smb",
      planTier: "Pro",
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createUser(
  db: Db,
  opts: {
    role?: Role;
    accountId?: string | null;
    email?: string;
    isAccountAdmin?: boolean;
    passwordHash?: string;
  } = {},
) {
  const suffix = crypto.randomBytes(4).toString("hex");
  const [row] = await db
    .insert(users)
    .values({
      email: opts.email ?? `user-${suffix}@example.test`,
      name: `User ${suffix}`,
      role: opts.role ?? "learner",
      accountId: opts.accountId ?? null,
      isAccountAdmin: opts.isAccountAdmin ?? false,
      passwordHash: opts.passwordHash ?? null,
    })
    .returning();
  return row!;
}
