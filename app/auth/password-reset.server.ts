import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb } from "#db/index";
import { auditLog, sessions, userTokens, users } from "#db/schema/index";
import { passwordResetEmail } from "#app/notifications/emails";
import { sendMail } from "#app/utils/mail.server";
import { publicBaseUrl } from "#app/utils/public-url.server";
import { hashPassword } from "./password.server";
import { randomToken, sha256 } from "./tokens.server";

export const RESET_TOKEN_MINUTES = 60;
/** Reset emails per person per hour: a form cannot be used to flood someone's inbox. */
export const RESET_EMAILS_PER_HOUR = 3;

/**
 * Mails a single-use reset link when the email belongs to an active person. The caller answers the same
 * way whatever happened, so the form does not tell who has an account.
 */
export async function requestPasswordReset(
  emailRaw: string,
  opts: { actorId?: string } = {},
): Promise<{ sent: boolean }> {
  const email = emailRaw.trim().toLowerCase();
  const db = await getDb();
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deactivatedAt)))
    .limit(1);
  if (!user) return { sent: false };
  const hourAgo = new Date(Date.now() - 3600_000);
  const token = randomToken();
  const issued = await db.transaction(async (tx) => {
    // Serialise concurrent requests for one person so the hourly cap holds under parallel posts.
    await tx.execute(sql`select 1 from ${users} where ${users.id} = ${user.id} for update`);
    const [recent] = await tx
      .select({ n: count() })
      .from(userTokens)
      .where(
        and(
          eq(userTokens.userId, user.id),
          eq(userTokens.purpose, "password_reset"),
          gt(userTokens.createdAt, hourAgo),
        ),
      );
    if ((recent?.n ?? 0) >= RESET_EMAILS_PER_HOUR) return false;
    await tx.insert(userTokens).values({
      tokenHash: sha256(token),
      userId: user.id,
      purpose: "password_reset",
      expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
    });
    await tx.insert(auditLog).values({
      actorUserId: opts.actorId ?? null,
      accountId: user.accountId,
      action: "user.password_reset_requested",
      target: user.id,
    });
    return true;
  });
  if (!issued) return { sent: false };
  // Not awaited: the page answers as fast for a known address as for an unknown one.
  void sendMail(
    passwordResetEmail({
      to: user.email,
      name: user.name,
      url: `${publicBaseUrl()}/reset-password/${token}`,
      expiresMinutes: RESET_TOKEN_MINUTES,
      locale: user.language,
    }),
  ).catch((err: unknown) =>
    console.error(`[mail] password reset to ${user.email} failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  return { sent: true };
}

/** Whether a reset token is currently usable (checked before any password is hashed). */
export async function resetTokenIsValid(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const db = await getDb();
  const [row] = await db
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, sha256(token)),
        eq(userTokens.purpose, "password_reset"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return !!row;
}

export type ResetResult = { ok: true; userId: string } | { ok: false; error: string };

/**
 * Sets the new password. The token is consumed atomically (one UPDATE … WHERE used_at IS NULL), so two
 * parallel uses cannot both succeed; every session of the person is revoked and any lockout cleared.
 */
export async function resetPassword(token: string, newPassword: string): Promise<ResetResult> {
  const invalid = { ok: false as const, error: "This reset link is invalid, used or expired. Ask for a new one." };
  if (!(await resetTokenIsValid(token))) return invalid;
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(userTokens.tokenHash, sha256(token)),
          eq(userTokens.purpose, "password_reset"),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: userTokens.userId });
    if (!used) return invalid;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, failedSignIns: 0, lockedUntil: null })
      .where(and(eq(users.id, used.userId), isNull(users.deactivatedAt)))
      .returning({ id: users.id, accountId: users.accountId });
    if (!user) return invalid;
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    // Other outstanding reset links of this person stop working too.
    await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt)));
    await tx
      .insert(auditLog)
      .values({ actorUserId: user.id, accountId: user.accountId, action: "user.password_reset", target: user.id });
    return { ok: true as const, userId: user.id };
  });
}
