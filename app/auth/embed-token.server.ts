import { errors as joseErrors, type JWTPayload } from "jose";
import { z } from "zod";
import { getEnv } from "#app/env.server";
import { CLOCK_TOLERANCE_SECONDS, productSignInConfigured, verifyProductToken } from "./sso-jwt.server";

/**
 * Widget tokens live longer than sign-in tokens (5 minutes): the iframe reloads with the same URL when
 * the learner navigates back or refreshes the product's page, and the product mints a new token each
 * time it renders the page.
 */
export const MAX_EMBED_TOKEN_LIFETIME_SECONDS = 15 * 60;

const EmbedClaims = z.object({
  purpose: z.literal("embed", { errorMap: () => ({ message: 'purpose must be "embed"' }) }),
  email: z.string().trim().toLowerCase().email().max(254),
  exp: z.number().int(),
  iat: z.number().int(),
});

export type EmbedIdentity =
  { ok: true; email: string; accountExternalId: string } | { ok: false; status: 400 | 401 | 501; error: string };

/**
 * Who the widget is for, from the product-signed token in its URL (no cookies: browsers block them in
 * third-party iframes). Same keys, issuer and audience as sign-in from the product (sso-jwt.server.ts),
 * plus `purpose: "embed"` so the two kinds never stand in for each other. The token only lets its holder
 * read this learner's next course and progress, so it is not single-use: no jti is required or recorded,
 * and a reload within its lifetime (at most 15 minutes) shows the widget again.
 */
export async function verifyEmbedToken(token: string | null): Promise<EmbedIdentity> {
  if (!productSignInConfigured())
    return {
      ok: false,
      status: 501,
      error: "The widget is not configured on this academy (SSO_JWT_SECRET or SSO_JWT_JWKS_URL).",
    };
  if (!token) return { ok: false, status: 401, error: "The widget link has no token." };
  let payload: JWTPayload;
  try {
    payload = await verifyProductToken(token, ["exp", "iat", "email"]);
  } catch (err) {
    const expired = err instanceof joseErrors.JWTExpired;
    return {
      ok: false,
      status: 401,
      error: expired ? "The widget link has expired. Reload the page." : "The widget link is not valid.",
    };
  }
  const claims = EmbedClaims.safeParse(payload);
  if (!claims.success)
    return {
      ok: false,
      status: 400,
      error: `The widget token has missing or invalid claims (${claims.error.issues.map((i) => i.path.join(".") || i.message).join(", ")}).`,
    };
  const { email, exp, iat } = claims.data;
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_TOLERANCE_SECONDS)
    return { ok: false, status: 401, error: "The widget token was issued in the future." };
  if (exp - iat > MAX_EMBED_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    return {
      ok: false,
      status: 401,
      error: `The widget token lives too long: at most ${MAX_EMBED_TOKEN_LIFETIME_SECONDS / 60} minutes are accepted.`,
    };
  }
  const account = payload[getEnv().SSO_JWT_ACCOUNT_CLAIM];
  if (typeof account !== "string" || !account.trim())
    return {
      ok: false,
      status: 400,
      error: `The widget token has no "${getEnv().SSO_JWT_ACCOUNT_CLAIM}" claim naming the customer account.`,
    };
  return { ok: true, email, accountExternalId: account.trim() };
}
