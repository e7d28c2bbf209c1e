import { arrayContains, eq } from "drizzle-orm";
import { getDb } from "#db/index";
import { accounts, auditLog, users } from "#db/schema/index";
import { reserveAttempt, waitText } from "./throttle.server";
import type { SessionUser } from "./session.server";
import { applyAssignmentRules } from "#app/learning/assignment-rules.server";

/** What an identity provider says about the person, after its signature and protocol checks passed. */
export interface IdpIdentity {
  method: "oidc" | "saml";
  provider: string;
  /** Stable subject at the IdP (OIDC sub, SAML NameID). */
  subject: string;
  email: string;
  name?: string;
  /** Value of the provider's account claim/attribute, when it has one configured. */
  accountExternalId?: string;
}

export interface IdpRules {
  accountClaim?: string;
  allowedAccounts?: string[];
  allowStaff: boolean;
}

export type IdpSignInResult =
  { ok: true; user: SessionUser; created: boolean } | { ok: false; status: 400 | 403 | 404 | 429; error: string };

/** Starts of an IdP sign-in per client address in RATE_WINDOW_MINUTES (each start writes a row). */
export const IDP_STARTS_PER_WINDOW = 30;
const RATE_WINDOW_MINUTES = 15;

/**
 * Counts an IdP sign-in start for the address on the shared throttle (app/auth/throttle.server.ts);
 * a refusal says how long to wait. Starts stay counted: each one stores a flow or request id.
 */
export async function reserveIdpStart(address: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const r = await reserveAttempt(await getDb(), [
    { key: `idp:${address}`, max: IDP_STARTS_PER_WINDOW, windowMs: RATE_WINDOW_MINUTES * 60_000 },
  ]);
  return r.ok
    ? { ok: true }
    : { ok: false, error: `Too many sign-in attempts. Try again in ${waitText(r.retryAfterSeconds)}.` };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Just-in-time provisioning shared by OIDC and SAML: finds the person's customer account (named claim or
 * email domain), enforces the provider's account restriction, then creates or updates the learner.
 * Existing staff sign in only where the provider allows it; staff are never created. One transaction.
 */
export async function signInWithIdpIdentity(identity: IdpIdentity, rules: IdpRules): Promise<IdpSignInResult> {
  const email = identity.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    return { ok: false, status: 400, error: "The identity provider sent no valid email address for you." };
  const name = identity.name?.trim().slice(0, 200) || undefined;
  const details = { method: identity.method, provider: identity.provider, subject: identity.subject };
  const db = await getDb();
  return db.transaction(async (tx): Promise<IdpSignInResult> => {
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).limit(1).for("update");
    if (existing?.deactivatedAt)
      return { ok: false, status: 403, error: "This account has been deactivated. Ask your academy admin." };
    if (existing && existing.role !== "learner") {
      if (!rules.allowStaff)
        return { ok: false, status: 403, error: "Staff accounts cannot sign in with this identity provider." };
      await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, existing.id));
      await tx.insert(auditLog).values({
        actorUserId: existing.id,
        action: `user.signed_in_with_${identity.method}`,
        target: existing.id,
        details,
      });
      return { ok: true, user: existing, created: false };
    }
    let account: typeof accounts.$inferSelect | undefined;
    if (rules.accountClaim) {
      const ext = identity.accountExternalId?.trim();
      if (!ext)
        return {
          ok: false,
          status: 400,
          error: `The identity provider sent no "${rules.accountClaim}" value naming your customer account.`,
        };
      [account] = await tx.select().from(accounts).where(eq(accounts.externalId, ext)).limit(1);
      if (!account)
        return {
          ok: false,
          status: 404,
          error: `No customer account "${ext}" exists in the academy. Ask the academy team to import it.`,
        };
    } else {
      const domain = email.split("@")[1]!;
      const matches = await tx
        .select()
        .from(accounts)
        .where(arrayContains(accounts.emailDomains, [domain]))
        .limit(2);
      if (matches.length !== 1) {
        return {
          ok: false,
          status: 404,
          error: matches.length
            ? `Several customer accounts use the email domain ${domain}. Ask the academy team to set up an account claim.`
            : `No customer account uses the email domain ${domain}. Ask the academy team.`,
        };
      }
      account = matches[0];
    }
    if (rules.allowedAccounts && !rules.allowedAccounts.includes(account!.externalId)) {
      return {
        ok: false,
        status: 403,
        error: "This identity provider may not sign people into that customer account.",
      };
    }
    if (existing) {
      if (existing.accountId && existing.accountId !== account!.id)
        return {
          ok: false,
          status: 403,
          error: "This person belongs to another customer account in the academy. Ask the academy team to move them.",
        };
      const [updated] = await tx
        .update(users)
        .set({ accountId: account!.id, lastSignInAt: new Date(), ...(name ? { name } : {}) })
        .where(eq(users.id, existing.id))
        .returning();
      await tx.insert(auditLog).values({
        actorUserId: existing.id,
        accountId: account!.id,
        action: `user.signed_in_with_${identity.method}`,
        target: existing.id,
        details,
      });
      return { ok: true, user: updated!, created: false };
    }
    const [created] = await tx
      .insert(users)
      .values({
        email,
        name: name ?? email.split("@")[0]!,
        role: "learner",
        accountId: account!.id,
        lastSignInAt: new Date(),
      })
      .returning();
    await applyAssignmentRules(tx, created!.id, account!.id);
    await tx.insert(auditLog).values({
      actorUserId: created!.id,
      accountId: account!.id,
      action: `user.provisioned_with_${identity.method}`,
      target: created!.id,
      details: { ...details, email },
    });
    return { ok: true, user: created!, created: true };
  });
}
