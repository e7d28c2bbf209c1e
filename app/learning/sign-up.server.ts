import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, auditLog, invitations, users } from "#db/schema/index";
import { randomToken, sha256 } from "#app/auth/tokens.server";
import { sendMail } from "#app/utils/mail.server";

export const SIGN_UP_LINK_HOURS = 24;

/**
 * Self sign-up with a work email. The page answers the same for every address ("check your inbox"), so
 * it never tells whether an email has an account or a domain has an academy; the email says what
 * applies:
 * - the domain belongs to a customer account: a link (an invitation without an inviter, valid 24 hours)
 *   to set name and password on /invite/<token>, which also proves the address is theirs;
 * - the address already has an account: how to sign in;
 * - no academy for the domain: ask the company's academy admin for an invitation.
 */
export async function requestSignUp(
  db: Db,
  emailRaw: string,
  opts: { baseUrl: string; now?: Date },
): Promise<{ email: string }> {
  const email = emailRaw.trim().toLowerCase();
  const domain = email.split("@")[1] ?? "";
  const now = opts.now ?? new Date();
  const base = opts.baseUrl.replace(/\/$/, "");
  const outcome = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (user) return { kind: "existing" as const };
    const [account] = await tx
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(sql`${domain} = any(${accounts.emailDomains})`)
      .limit(1);
    if (!account) return { kind: "no_academy" as const };
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + SIGN_UP_LINK_HOURS * 3600_000);
    // A newer request replaces the earlier pending link.
    await tx
      .update(invitations)
      .set({ expiresAt: now })
      .where(
        and(
          eq(invitations.accountId, account.id),
          eq(invitations.email, email),
          isNull(invitations.invitedBy),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    await tx
      .insert(invitations)
      .values({ accountId: account.id, email, tokenHash: sha256(token), invitedBy: null, expiresAt });
    await tx.insert(auditLog).values({
      accountId: account.id,
      action: "signup.requested",
      target: email,
      details: { expiresAt: expiresAt.toISOString() },
    });
    return { kind: "link" as const, token, accountName: account.name };
  });
  const subject = "Your Uplift Academy sign-up";
  if (outcome.kind === "link") {
    await sendMail({
      to: email,
      subject,
      text: `Finish creating your account in the ${outcome.accountName} academy: set your name and password here (the link works once and expires in ${SIGN_UP_LINK_HOURS} hours):\n${base}/invite/${outcome.token}\n\nIf you did not ask for this, ignore this email.\n`,
    });
  } else if (outcome.kind === "existing") {
    await sendMail({
      to: email,
      subject,
      text: `Someone asked to create an Uplift Academy account for this email, but you already have one. Sign in here:\n${base}/login\n\nIf you did not ask for this, ignore this email.\n`,
    });
  } else {
    await sendMail({
      to: email,
      subject,
      text: `Someone asked to create an Uplift Academy account for this email, but no company academy is set up for @${domain}. Ask your company's academy admin to invite you.\n\nIf you did not ask for this, ignore this email.\n`,
    });
  }
  return { email };
}
