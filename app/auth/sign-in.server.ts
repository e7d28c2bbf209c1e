import { and, eq, gt, sql } from "drizzle-orm";
import { getDb } from "#db/index";
import { accounts, signInAttempts, users } from "#db/schema/index";
import { hashPassword, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";

export const LOCKOUT_THRESHOLD = 5; // failed attempts per email within the window
export const LOCKOUT_MINUTES = 15;
export const IP_LIMIT_PER_WINDOW = 50;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; error: string; status: 400 | 401 | 429 };

/** Verifies credentials with per-email lockout and per-IP rate limiting. */
export async function signIn(emailRaw: string, password: string, ip: string): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const db = await getDb();
  const since = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
  const [ipCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, `ip:${ip}`), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  if ((ipCount?.n ?? 0) >= IP_LIMIT_PER_WINDOW) {
    return { ok: false, error: "Too many sign-in attempts. Try again in a few minutes.", status: 429 };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    return { ok: false, error: `Too many failed attempts: this account is locked for ${LOCKOUT_MINUTES} minutes.`, status: 429 };
  }
  const valid = await verifyPassword(password, user?.passwordHash);
  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values([
      { key: `ip:${ip}`, succeeded: valid },
      { key: `email:${email}`, succeeded: valid },
    ]);
    if (!user) return;
    if (valid) {
      await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
    } else {
      const failed = user.failedSignIns + 1;
      await tx.update(users).set({
        failedSignIns: failed >= LOCKOUT_THRESHOLD ? 0 : failed,
        lockedUntil: failed >= LOCKOUT_THRESHOLD ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null,
      }).where(eq(users.id, user.id));
    }
  });
  if (!valid || !user) return { ok: false, error: "Email or password is incorrect.", status: 401 };
  // Only someone who knows the password learns that the account is deactivated.
  if (user.deactivatedAt) return { ok: false, error: "This account has been deactivated. Ask your academy admin to reactivate it.", status: 401 };
  return { ok: true, user };
}

export type SignUpResult = { ok: true; user: SessionUser } | { ok: false; fieldErrors: Record<string, string> };

/** Self sign-up: the learner joins the customer account whose email domain matches theirs. */
export async function signUp(input: { email: string; name: string; password: string }): Promise<SignUpResult> {
  const email = input.email.trim().toLowerCase();
  const domain = email.split("@")[1] ?? "";
  const db = await getDb();
  const [account] = await db.select().from(accounts).where(sql`${domain} = any(${accounts.emailDomains})`).limit(1);
  if (!account) {
    return { ok: false, fieldErrors: { email: `No customer account is set up for @${domain}. Ask your company's academy admin for an invitation.` } };
  }
  const passwordHash = await hashPassword(input.password);
  const inserted = await db
    .insert(users)
    .values({ email, name: input.name.trim(), passwordHash, role: "learner", accountId: account.id })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!inserted[0]) return { ok: false, fieldErrors: { email: "An account with this email already exists. Sign in instead." } };
  return { ok: true, user: inserted[0] };
}
