import { createCookie } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import * as client from "openid-client";
import { getDb } from "#db/index";
import { oidcFlows } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import type { OidcProviderConfig } from "#app/auth/idp-config.server";
import { signInWithIdpIdentity, type IdpSignInResult } from "#app/auth/idp-provision.server";
import { cookieIsSecure } from "#app/auth/session.server";
import { sha256 } from "#app/auth/tokens.server";
import { safeRedirect } from "#app/utils/safe-redirect";

/** How long a person has at the IdP between "Sign in with …" and the callback. */
export const FLOW_MINUTES = 10;

export function oidcProviders(): OidcProviderConfig[] {
  return getEnv().OIDC_PROVIDERS;
}

export function oidcProvider(id: string): OidcProviderConfig | undefined {
  return oidcProviders().find((p) => p.id === id);
}

/** Plain http is accepted only for an IdP on this machine (tests, local development). */
function isLoopback(url: URL) {
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

const configs = new Map<string, Promise<client.Configuration>>();
/** Discovery document and keys of the provider, fetched once and kept (dropped again when it fails). */
function configuration(p: OidcProviderConfig): Promise<client.Configuration> {
  const key = `${p.id}|${p.issuer}|${p.clientId}`;
  let found = configs.get(key);
  if (!found) {
    const issuer = new URL(p.issuer);
    // Signature checks on ID tokens from the token endpoint too: by default openid-client (per OIDC Core
    // 3.1.3.7) trusts TLS there; we verify the IdP's JWKS signature anyway (a test shows a foreign key refused).
    found = client.discovery(issuer, p.clientId, p.clientSecret, p.clientSecret ? undefined : client.None(), {
      execute: [...(isLoopback(issuer) ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
    });
    found.catch(() => configs.delete(key));
    configs.set(key, found);
  }
  return found;
}

/** The callback URL the IdP admin registers: PUBLIC_URL (or the request's origin) + /auth/oidc/<id>/callback. */
export function callbackUrl(request: Request, providerId: string): string {
  const base = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  return new URL(`/auth/oidc/${providerId}/callback`, base).toString();
}

function flowCookie(providerId: string) {
  return createCookie(`uplift_oidc_${providerId}`, {
    httpOnly: true,
    // The IdP sends the browser back with a top-level GET: Lax cookies travel with it.
    sameSite: "lax",
    path: `/auth/oidc/${providerId}`,
    secrets: [getEnv().SESSION_SECRET],
    maxAge: FLOW_MINUTES * 60,
  });
}

/**
 * Begins the authorization code flow with PKCE: the state (bound to this browser by a signed cookie),
 * the nonce and the verifier are stored server-side for FLOW_MINUTES and used once.
 */
export async function startOidcSignIn(
  request: Request,
  p: OidcProviderConfig,
  redirectTo: string | null,
): Promise<{ url: string; cookie: string }> {
  const config = await configuration(p);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(oidcFlows).where(lt(oidcFlows.expiresAt, new Date()));
    await tx.insert(oidcFlows).values({
      stateHash: sha256(state),
      provider: p.id,
      codeVerifier,
      nonce,
      redirectTo: safeRedirect(redirectTo, "/"),
      expiresAt: new Date(Date.now() + FLOW_MINUTES * 60_000),
    });
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request, p.id),
    scope: p.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const cookie = await flowCookie(p.id).serialize(state, { secure: cookieIsSecure(request) });
  return { url: url.href, cookie };
}

export async function clearFlowCookie(request: Request, providerId: string): Promise<string> {
  return flowCookie(providerId).serialize("", { maxAge: 0, secure: cookieIsSecure(request) });
}

export type OidcCallbackResult =
  (IdpSignInResult & { redirectTo?: string }) | { ok: false; status: 400 | 401 | 502; error: string };

/**
 * Completes the flow: the state must match this browser's cookie and an unused, unexpired flow; then
 * openid-client exchanges the code (PKCE) and validates the ID token (signature, issuer, audience, expiry,
 * nonce). Only then is the person provisioned (see idp-provision.server.ts).
 */
export async function finishOidcSignIn(
  request: Request,
  p: OidcProviderConfig,
): Promise<OidcCallbackResult & { redirectTo?: string }> {
  const url = new URL(request.url);
  const idpError = url.searchParams.get("error");
  if (idpError) {
    const description = url.searchParams.get("error_description")?.slice(0, 200);
    return {
      ok: false,
      status: 401,
      error: `${p.label} did not sign you in (${idpError}${description ? `: ${description}` : ""}).`,
    };
  }
  const state = url.searchParams.get("state");
  const cookieState = await flowCookie(p.id).parse(request.headers.get("Cookie"));
  if (!state || typeof cookieState !== "string" || cookieState !== state) {
    return {
      ok: false,
      status: 400,
      error: "This sign-in did not start in this browser, or it took too long. Start again from the sign-in page.",
    };
  }
  const db = await getDb();
  const [flow] = await db
    .delete(oidcFlows)
    .where(
      and(eq(oidcFlows.stateHash, sha256(state)), eq(oidcFlows.provider, p.id), gt(oidcFlows.expiresAt, new Date())),
    )
    .returning();
  if (!flow)
    return {
      ok: false,
      status: 400,
      error: "This sign-in link was already used or has expired. Start again from the sign-in page.",
    };
  let config: client.Configuration;
  try {
    config = await configuration(p);
  } catch {
    return { ok: false, status: 502, error: `${p.label} cannot be reached right now. Try again in a few minutes.` };
  }
  // The URL openid-client checks against redirect_uri: the public callback URL with this request's query.
  const current = new URL(callbackUrl(request, p.id));
  current.search = url.search;
  let claims: client.IDToken | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
    // IdPs that follow the spec strictly put scope claims (email, name) only in the userinfo answer.
    if (claims && typeof claims.email !== "string") {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = {
        ...info,
        ...claims,
        email: info.email,
        email_verified: info.email_verified,
        name: claims.name ?? info.name,
      } as client.IDToken;
    }
  } catch (err) {
    console.warn(`[oidc] ${p.id}: sign-in refused: ${(err as Error).message}`);
    return {
      ok: false,
      status: 401,
      error: `The answer from ${p.label} could not be verified. Start again from the sign-in page.`,
    };
  }
  if (!claims) return { ok: false, status: 401, error: `${p.label} sent no ID token.` };
  if (claims.email_verified === false)
    return { ok: false, status: 403, error: `${p.label} says your email address is not verified.` };
  const account = p.accountClaim ? claims[p.accountClaim] : undefined;
  const result = await signInWithIdpIdentity(
    {
      method: "oidc",
      provider: p.id,
      subject: claims.sub,
      email: typeof claims.email === "string" ? claims.email : "",
      name: typeof claims.name === "string" ? claims.name : undefined,
      accountExternalId: typeof account === "string" || typeof account === "number" ? String(account) : undefined,
    },
    p,
  );
  return result.ok ? { ...result, redirectTo: flow.redirectTo } : result;
}
