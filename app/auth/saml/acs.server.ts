import type { Profile } from "@node-saml/node-saml";
import { getDb } from "#db/index";
import { samlMessageIds } from "#db/schema/index";
import type { SamlProviderConfig } from "#app/auth/idp-config.server";
import { signInWithIdpIdentity, type IdpSignInResult } from "#app/auth/idp-provision.server";
import { CLOCK_SKEW_MS, serviceProvider, spUrls } from "./saml.server";

export type AcsResult = IdpSignInResult | { ok: false; status: 400 | 401; error: string };

type XmlNode = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const first = (node: unknown, name: string): XmlNode | undefined => {
  const list = (node as XmlNode | undefined)?.[name];
  return Array.isArray(list) ? (list[0] as XmlNode) : undefined;
};

/** Assertion id, recipients and expiry, read from the assertion node-saml verified (never the envelope). */
function signedAssertionFacts(profile: Profile) {
  const assertion =
    first(profile.getAssertion?.(), "Assertion") ?? (profile.getAssertion?.() as { Assertion?: XmlNode })?.Assertion;
  const subject = first(assertion, "Subject");
  const confirmations = (subject?.SubjectConfirmation as XmlNode[] | undefined) ?? [];
  const data = confirmations.map((c) => first(c, "SubjectConfirmationData")?.$ ?? {});
  const conditions = first(assertion, "Conditions")?.$ ?? {};
  const until = [conditions.NotOnOrAfter, ...data.map((d) => d.NotOnOrAfter)]
    .filter(Boolean)
    .map((t) => Date.parse(t!))
    .filter(Number.isFinite);
  const issuer = first(assertion, "Issuer");
  return {
    id: assertion?.$?.ID,
    issuer: typeof issuer === "string" ? issuer : issuer?._,
    recipients: data.map((d) => d.Recipient),
    expiresAt: until.length ? Math.max(...until) : undefined,
  };
}

function attribute(profile: Profile, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = (profile.attributes as Record<string, unknown> | undefined)?.[name] ?? profile[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === "string" || typeof one === "number" ? String(one) : undefined;
}

/**
 * Assertion consumer: node-saml verifies the signature over the assertion (with the configured IdP cert),
 * audience, time window and InResponseTo; we add the issuer, the Recipient (our ACS), Destination when present,
 * and a single-use assertion id — then provision the person like every IdP sign-in.
 */
export async function consumeSamlResponse(
  request: Request,
  p: SamlProviderConfig,
  samlResponse: string,
): Promise<AcsResult> {
  const sp = serviceProvider(request, p);
  const { acs } = spUrls(request, p.id);
  let profile: Profile | null;
  try {
    ({ profile } = await sp.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (err) {
    console.warn(`[saml] ${p.id}: response refused: ${(err as Error).message}`);
    return {
      ok: false,
      status: 401,
      error: `The answer from ${p.label} could not be verified. Start again from the sign-in page.`,
    };
  }
  if (!profile) return { ok: false, status: 401, error: `${p.label} did not sign you in.` };
  const facts = signedAssertionFacts(profile);
  if (!facts.id) return { ok: false, status: 400, error: "The SAML assertion has no ID." };
  // node-saml 5 compares idpIssuer only on logout messages: the assertion's issuer is checked here.
  if (p.idpIssuer && facts.issuer !== p.idpIssuer)
    return { ok: false, status: 401, error: `The SAML assertion was not issued by ${p.label}.` };
  if (!facts.recipients.length || facts.recipients.some((r) => r !== acs)) {
    return { ok: false, status: 401, error: "The SAML assertion was issued for another address than this academy's." };
  }
  const destination = /<(?:\w+:)?Response\b[^>]*\sDestination="([^"]*)"/.exec(
    profile.getSamlResponseXml?.() ?? "",
  )?.[1];
  if (destination !== undefined && destination !== acs)
    return { ok: false, status: 401, error: "The SAML response was sent to another address than this academy's." };

  const db = await getDb();
  const expiresAt = new Date((facts.expiresAt ?? Date.now() + 60 * 60_000) + CLOCK_SKEW_MS);
  const fresh = await db
    .insert(samlMessageIds)
    .values({ provider: p.id, kind: "assertion", messageId: facts.id, expiresAt })
    .onConflictDoNothing()
    .returning();
  if (!fresh.length)
    return {
      ok: false,
      status: 401,
      error: "This SAML assertion was already used. Start again from the sign-in page.",
    };

  const email = p.emailAttribute
    ? attribute(profile, p.emailAttribute)
    : ((profile.email as string | undefined) ?? profile.nameID);
  return signInWithIdpIdentity(
    {
      method: "saml",
      provider: p.id,
      subject: profile.nameID ?? facts.id,
      email: email ?? "",
      name: attribute(profile, p.nameAttribute ?? "name") ?? attribute(profile, "displayName"),
      accountExternalId: attribute(profile, p.accountClaim),
    },
    p,
  );
}
