import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, auditLog, invitations, users } from "#db/schema/index";
import { hashPassword } from "#app/auth/password.server";
import { randomToken, sha256 } from "#app/auth/tokens.server";
import type { SessionUser } from "#app/auth/session.server";
import { sendMail } from "#app/utils/mail.server";
import { alreadyMemberEmail, invitationEmail } from "#app/notifications/emails";
import { applyAssignmentRules } from "./assignment-rules.server";

export const INVITATION_DAYS = 7;

export type InviteResult = { ok: true; email: string; url: string; expiresAt: string };

/**
 * A customer admin invites a colleague to their own account. The link carries a random token; only its
 * SHA-256 is stored. Inviting the same address again replaces the earlier pending link.
 * The answer is the same whether or not the address already has an academy account (that would tell an
 * admin who studies elsewhere): the invitation is recorded either way, and a person who already has an
 * account gets an email saying so (and how to sign in) instead of a link to accept.
 */
export async function inviteColleague(
  db: Db,
  admin: SessionUser & { accountId: string },
  emailRaw: string,
  opts: { baseUrl: string; now?: Date },
): Promise<InviteResult> {
  const email = emailRaw.trim().toLowerCase();
  const token = randomToken();
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
  const { account, existing, language } = await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ expiresAt: now })
      .where(
        and(
          eq(invitations.accountId, admin.accountId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    await tx
      .insert(invitations)
      .values({ accountId: admin.accountId, email, tokenHash: sha256(token), invitedBy: admin.id, expiresAt });
    await tx.insert(auditLog).values({
      actorUserId: admin.id,
      accountId: admin.accountId,
      action: "invitation.created",
      target: email,
      details: { expiresAt: expiresAt.toISOString() },
    });
    const [row] = await tx
      .select({ name: accounts.name })
      .from(accounts)
      .where(eq(accounts.id, admin.accountId))
      .limit(1);
    const [user] = await tx
      .select({ id: users.id, language: users.language })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    return { account: row, existing: !!user, language: user?.language ?? null };
  });
  const base = opts.baseUrl.replace(/\/$/, "");
  const url = `${base}/invite/${token}`;
  const team = account?.name ?? "your team";
  // The invitee's language when they already have an account, else the inviting admin's (a German team
  // invites in German), else English.
  const locale = language ?? admin.language;
  await sendMail(
    existing
      ? alreadyMemberEmail({ to: email, accountName: team, inviterName: admin.name, loginUrl: `${base}/login`, locale })
      : invitationEmail({
          to: email,
          accountName: team,
          inviterName: admin.name,
          url,
          expiresDays: INVITATION_DAYS,
          locale,
        }),
  );
  return { ok: true, email, url, expiresAt: expiresAt.toISOString() };
}

export type InvitationStatus =
  | { status: "valid"; email: string; accountName: string; inviterName: string | null; expiresAt: string }
  | { status: "expired" | "used" | "unknown" };

/** What the invite page shows for a token. */
export async function getInvitation(db: Db, token: string, now = new Date()): Promise<InvitationStatus> {
  if (!token || token.length > 200) return { status: "unknown" };
  const [row] = await db
    .select({ inv: invitations, accountName: accounts.name, inviterName: users.name })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  if (!row) return { status: "unknown" };
  if (row.inv.acceptedAt) return { status: "used" };
  if (row.inv.expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    email: row.inv.email,
    accountName: row.accountName,
    inviterName: row.inviterName,
    expiresAt: row.inv.expiresAt.toISOString(),
  };
}

export type AcceptResult =
  { ok: true; user: SessionUser } | { ok: false; reason: "expired" | "used" | "unknown" | "email_taken" };

/**
 * The invitee sets name and password and joins the inviting account (whatever their email domain).
 * The invitation row is locked, so a token can be used exactly once even by concurrent requests.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string },
  now = new Date(),
): Promise<AcceptResult> {
  // The token first: hashing a password costs 32 MiB and ~100 ms, a bogus link must cost nothing.
  const current = await getInvitation(db, token, now);
  if (current.status !== "valid") return { ok: false, reason: current.status };
  const passwordHash = await hashPassword(input.password); // slow: outside the transaction
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, sha256(token)))
      .for("update")
      .limit(1);
    if (!inv) return { ok: false as const, reason: "unknown" as const };
    if (inv.acceptedAt) return { ok: false as const, reason: "used" as const };
    if (inv.expiresAt <= now) return { ok: false as const, reason: "expired" as const };
    const [user] = await tx
      .insert(users)
      .values({ email: inv.email, name: input.name.trim(), passwordHash, role: "learner", accountId: inv.accountId })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return { ok: false as const, reason: "email_taken" as const };
    await applyAssignmentRules(tx, user.id, inv.accountId);
    await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(eq(invitations.id, inv.id));
    await tx.insert(auditLog).values({
      actorUserId: user.id,
      accountId: inv.accountId,
      action: "invitation.accepted",
      target: inv.email,
      details: { invitationId: inv.id },
    });
    return { ok: true as const, user };
  });
}

/** Pending (not used, not expired) invitations of an account, newest first. */
export async function listPendingInvitations(db: Db, accountId: string, now = new Date()) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedBy: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.accountId, accountId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString(), createdAt: r.createdAt.toISOString() }));
}

/** Withdraws a pending invitation of the admin's own account (expires it now). */
export async function revokeInvitation(
  db: Db,
  admin: SessionUser & { accountId: string },
  invitationId: string,
): Promise<{ ok: true } | { ok: false; reason: "not_pending" }> {
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ expiresAt: sql`now()` })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.accountId, admin.accountId),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .returning({ email: invitations.email });
    if (!revoked[0]) return { ok: false, reason: "not_pending" } as const;
    await tx.insert(auditLog).values({
      actorUserId: admin.id,
      accountId: admin.accountId,
      action: "invitation.revoked",
      target: revoked[0].email,
    });
    return { ok: true } as const;
  });
}
