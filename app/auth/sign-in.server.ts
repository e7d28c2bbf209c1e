import { eq } from "drizzle-orm";
import { getDb } from "#db/index";
import { users } from "#db/schema/index";
import { verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";
import { releaseAttempt, reserveAttempt, waitText, type Budget } from "./throttle.server";

/**
 * Sign-in throttling (docs/security.md): budgets of failed attempts, each reserved before the password
 * is checked, so parallel requests cannot together exceed one.
 * - One account from one address: 5 failures per 15 minutes, then that address waits (back-off).
 * - One account from all addresses together: 10 failures per minute, then everyone waits the rest of
 *   that minute (a short cool-down: one address alone can never cause it, and it always ends).
 * - One address over all accounts: 50 failures per 15 minutes (password spraying).
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const ACCOUNT_COOL_DOWN = { failures: 10, seconds: 60 };
export const IP_LIMIT_PER_WINDOW = 50;

export function signInBudgets(email: string, address: string) {
  return {
    accountAtAddress: {
      key: `email-ip:${email} ${address}`,
      max: LOCKOUT_THRESHOLD,
      windowMs: LOCKOUT_MINUTES * 60_000,
    },
    account: { key: `email:${email}`, max: ACCOUNT_COOL_DOWN.failures, windowMs: ACCOUNT_COOL_DOWN.seconds * 1000 },
    address: { key: `ip:${address}`, max: IP_LIMIT_PER_WINDOW, windowMs: LOCKOUT_MINUTES * 60_000 },
  } satisfies Record<string, Budget>;
}

export type SignInResult =
  { ok: true; user: SessionUser } | { ok: false; error: string; status: 400 | 401 | 429; retryAfterSeconds?: number };

/** Verifies credentials within the throttling budgets of this account and client address. */
export async function signIn(
  emailRaw: string,
  password: string,
  address: string,
  now = new Date(),
): Promise<SignInResult> {
  const email = emailRaw.trim().toLowerCase();
  const db = await getDb();
  const budgets = signInBudgets(email, address);
  const reservation = await reserveAttempt(db, [budgets.accountAtAddress, budgets.account, budgets.address], now);
  if (!reservation.ok) {
    const wait = waitText(reservation.retryAfterSeconds);
    const error =
      reservation.refusedBy === budgets.accountAtAddress
        ? `Too many failed attempts: this account is locked for sign-in from your network. Try again in ${wait}.`
        : reservation.refusedBy === budgets.account
          ? `Too many failed sign-in attempts for this account just now. Try again in ${wait}.`
          : `Too many sign-in attempts from your network. Try again in ${wait}.`;
    return { ok: false, error, status: 429, retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!valid || !user) return { ok: false, error: "Email or password is incorrect.", status: 401 };
  await releaseAttempt(db, reservation.ids, [budgets.accountAtAddress.key]);
  // Only someone who knows the password learns that the account is deactivated.
  if (user.deactivatedAt)
    return {
      ok: false,
      error: "This account has been deactivated. Ask your academy admin to reactivate it.",
      status: 401,
    };
  return { ok: true, user };
}
