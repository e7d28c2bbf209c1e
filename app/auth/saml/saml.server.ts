import { SAML, ValidateInResponseTo, type CacheProvider } from "@node-saml/node-saml";
import { and, eq, gt, lt } from "drizzle-orm";
import { getDb } from "#db/index";
import { samlMessageIds } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import type { SamlProviderConfig } from "#app/auth/idp-config.server";

/** How long an AuthnRequest may wait for its answer. */
export const REQUEST_MINUTES = 10;
/** Clock difference tolerated between the IdP and us when checking NotBefore / NotOnOrAfter. */
export const CLOCK_SKEW_MS = 60_000;

export function samlProviders(): SamlProviderConfig[] {
  return getEnv().SAML_PROVIDERS;
}
export function samlProvider(id: string): SamlProviderConfig | undefined {
  return samlProviders().find((p) => p.id === id);
}

/** Our side's URLs for one provider; the entity id (= the metadata URL) is also the expected audience. */
export function spUrls(request: Request, providerId: string) {
  const base = getEnv().PUBLIC_URL ?? new URL(request.url).origin;
  return {
    entityId: new URL(`/auth/saml/${providerId}/metadata`, base).toString(),
    acs: new URL(`/auth/saml/${providerId}/acs`, base).toString(),
  };
}

/**
 * AuthnRequest ids in the database (not process memory), so the answer may reach any server process.
 * node-saml saves an id when it builds a request, reads it when an answer names it, removes it after.
 */
function requestIdStore(providerId: string): CacheProvider {
  const where = (key: string) =>
    and(eq(samlMessageIds.provider, providerId), eq(samlMessageIds.kind, "request"), eq(samlMessageIds.messageId, key));
  return {
    async saveAsync(key, value) {
      const db = await getDb();
      await db.delete(samlMessageIds).where(lt(samlMessageIds.expiresAt, new Date()));
      const rows = await db
        .insert(samlMessageIds)
        .values({
          provider: providerId,
          kind: "request",
          messageId: key,
          expiresAt: new Date(Date.now() + REQUEST_MINUTES * 60_000),
        })
        .onConflictDoNothing()
        .returning();
      return rows.length ? { value, createdAt: Date.now() } : null;
    },
    async getAsync(key) {
      const db = await getDb();
      const [row] = await db
        .select()
        .from(samlMessageIds)
        .where(and(where(key), gt(samlMessageIds.expiresAt, new Date())))
        .limit(1);
      // node-saml reads the value as the request's creation time.
      return row ? new Date(row.expiresAt.getTime() - REQUEST_MINUTES * 60_000).toISOString() : null;
    },
    async removeAsync(key) {
      if (!key) return null;
      const db = await getDb();
      const rows = await db.delete(samlMessageIds).where(where(key)).returning();
      return rows.length ? key : null;
    },
  };
}

/**
 * A node-saml service provider for one IdP: signed assertions required, audience = our entity id,
 * NotBefore/NotOnOrAfter checked with CLOCK_SKEW_MS, InResponseTo checked against our stored requests
 * when present (IdP-initiated sign-in, without it, stays possible; replay is refused by assertion id).
 */
export function serviceProvider(request: Request, p: SamlProviderConfig): SAML {
  const { entityId, acs } = spUrls(request, p.id);
  return new SAML({
    issuer: entityId,
    audience: entityId,
    callbackUrl: acs,
    entryPoint: p.entryPoint,
    idpCert: p.idpCert,
    ...(p.idpIssuer ? { idpIssuer: p.idpIssuer } : {}),
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    signatureAlgorithm: "sha256",
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    requestIdExpirationPeriodMs: REQUEST_MINUTES * 60_000,
    cacheProvider: requestIdStore(p.id),
    identifierFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    disableRequestedAuthnContext: true,
  });
}
