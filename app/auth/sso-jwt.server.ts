import { and, eq, lt } from "drizzle-orm";
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { getDb } from "#db/index";
import { accounts, auditLog, ssoJtis, users } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import type { SessionUser } from "./session.server";
import { applyAssignmentRules } from "#app/learning/assignment-rules.server";

/** A product token may be used for at most this long: it is minted right before the redirect. */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** Clock difference tolerated between the product's servers and ours. */
export const CLOCK_TOLERANCE_SECONDS = 30;

const Claims = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(["learner", "account_admin"]).optional(),
  jti: z.string().min(8, "jti must be at least 8 characters").max(200),
  exp: z.number().int(),
  iat: z.number().int(),
});

export type ProductSignInResult =
  { ok: true; user: SessionUser; created: boolean } | { ok: false; status: 400 | 401 | 403 | 404 | 501; error: string };

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
let jwksUrl: string | undefined;
function remoteKeys(url: string) {
  if (!jwks || jwksUrl !== url) {
    jwks = createRemoteJWKSet(new URL(url));
    jwksUrl = url;
  }
  return jwks;
}

/**
 * Verifies a product-signed JWT's signature, issuer, audience and expiry with the sign-in configuration
 * (SSO_JWT_SECRET for HS256, SSO_JWT_JWKS_URL for RS256/ES256). Callers check the claims they need:
 * sign-in (below) and the embeddable widget (app/auth/embed-token.server.ts).
 */
export async function verifyProductToken(
  token: string,
  requiredClaims: string[] = ["exp", "iat", "jti", "email"],
): Promise<JWTPayload> {
  const env = getEnv();
  const { alg } = decodeProtectedHeader(token);
  const common = {
    issuer: env.SSO_JWT_ISSUER,
    audience: env.SSO_JWT_AUDIENCE,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims,
  };
  if (alg === "HS256") {
    if (!env.SSO_JWT_SECRET) throw new joseErrors.JOSEAlgNotAllowed("HS256 tokens need SSO_JWT_SECRET");
    return (await jwtVerify(token, new TextEncoder().encode(env.SSO_JWT_SECRET), { ...common, algorithms: ["HS256"] }))
      .payload;
  }
  if (!env.SSO_JWT_JWKS_URL) throw new joseErrors.JOSEAlgNotAllowed(`${alg} tokens need SSO_JWT_JWKS_URL`);
  return (await jwtVerify(token, remoteKeys(env.SSO_JWT_JWKS_URL), { ...common, algorithms: ["RS256", "ES256"] }))
    .payload;
}

export function productSignInConfigured(): boolean {
  const env = getEnv();
  return !!(env.SSO_JWT_SECRET || env.SSO_JWT_JWKS_URL);
}

/**
 * Signs a person in from the vendor's product: verifies the JWT, refuses replays and long-lived tokens,
 * then creates or updates the learner of the named customer account (just-in-time provisioning).
 * Nothing is written unless every check passes; the jti, the person and the audit entry land together.
 */
export async function signInWithProductToken(token: string): Promise<ProductSignInResult> {
  if (!productSignInConfigured())
    return { ok: false, status: 501, error: "Sign-in from the product is not configured on this academy." };
  let payload: JWTPayload;
  try {
    payload = await verifyProductToken(token);
  } catch (err) {
    const reason =
      err instanceof joseErrors.JWTExpired
        ? "The sign-in link has expired. Open the academy from the product again."
        : err instanceof joseErrors.JOSEError
          ? "The sign-in link is not valid."
          : "The sign-in link could not be read.";
    return { ok: false, status: 401, error: reason };
  }
  // A widget token sits in a page's iframe URL and may be replayed while it lives: it must never sign in.
  if (payload.purpose === "embed")
    return { ok: false, status: 401, error: 'This is a widget token (purpose "embed"); it cannot sign in.' };
  const claims = Claims.safeParse(payload);
  if (!claims.success)
    return {
      ok: false,
      status: 400,
      error: `The sign-in token is missing or has invalid claims (${claims.error.issues.map((i) => i.path.join(".") || i.message).join(", ")}).`,
    };
  const { email, name, role, jti, exp, iat } = claims.data;
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_TOLERANCE_SECONDS)
    return { ok: false, status: 401, error: "The sign-in token was issued in the future." };
  if (exp - Math.max(iat, now - CLOCK_TOLERANCE_SECONDS) > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    return {
      ok: false,
      status: 401,
      error: `The sign-in token lives too long: at most ${MAX_TOKEN_LIFETIME_SECONDS / 60} minutes are accepted.`,
    };
  }
  const accountClaim = payload[getEnv().SSO_JWT_ACCOUNT_CLAIM];
  if (typeof accountClaim !== "string" || !accountClaim.trim()) {
    return {
      ok: false,
      status: 400,
      error: `The sign-in token has no "${getEnv().SSO_JWT_ACCOUNT_CLAIM}" claim naming the customer account.`,
    };
  }
  const db = await getDb();
  return db.transaction(async (tx): Promise<ProductSignInResult> => {
    const [account] = await tx.select().from(accounts).where(eq(accounts.externalId, accountClaim.trim())).limit(1);
    if (!account)
      return {
        ok: false,
        status: 404,
        error: `No customer account "${accountClaim.trim()}" exists in the academy. Ask the academy team to import it.`,
      };
    await tx.delete(ssoJtis).where(lt(ssoJtis.expiresAt, new Date(Date.now() - CLOCK_TOLERANCE_SECONDS * 1000)));
    const fresh = await tx
      .insert(ssoJtis)
      .values({ jti, expiresAt: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000) })
      .onConflictDoNothing()
      .returning();
    if (!fresh.length)
      return {
        ok: false,
        status: 401,
        error: "This sign-in link was already used. Open the academy from the product again.",
      };
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).limit(1).for("update");
    if (existing) {
      if (existing.role !== "learner")
        return { ok: false, status: 403, error: "Staff accounts cannot sign in from the product." };
      if (existing.deactivatedAt)
        return { ok: false, status: 403, error: "This account has been deactivated. Ask your academy admin." };
      if (existing.accountId && existing.accountId !== account.id)
        return {
          ok: false,
          status: 403,
          error: "This person belongs to another customer account in the academy. Ask the academy team to move them.",
        };
      const [updated] = await tx
        .update(users)
        .set({
          accountId: account.id,
          ...(name ? { name } : {}),
          ...(role ? { isAccountAdmin: role === "account_admin" } : {}),
        })
        .where(and(eq(users.id, existing.id)))
        .returning();
      await tx.insert(auditLog).values({
        actorUserId: existing.id,
        accountId: account.id,
        action: "user.signed_in_from_product",
        target: existing.id,
      });
      return { ok: true, user: updated!, created: false };
    }
    const [created] = await tx
      .insert(users)
      .values({
        email,
        name: name ?? email.split("@")[0]!,
        role: "learner",
        accountId: account.id,
        isAccountAdmin: role === "account_admin",
        externalId: null,
      })
      .returning();
    await applyAssignmentRules(tx, created!.id, account.id);
    await tx.insert(auditLog).values({
      actorUserId: created!.id,
      accountId: account.id,
      action: "user.provisioned_from_product",
      target: created!.id,
      details: { email },
    });
    return { ok: true, user: created!, created: true };
  });
}
