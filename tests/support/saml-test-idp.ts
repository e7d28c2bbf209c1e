import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SignedXml } from "xml-crypto";

/**
 * A pretend SAML identity provider for tests: builds Responses whose Assertion is signed (enveloped,
 * RSA-SHA256, exclusive c14n) with the TEST-ONLY key in tests/fixtures/saml — never a real academy's IdP.
 */
const dir = path.resolve(__dirname, "../fixtures/saml");
export const TEST_IDP_CERT = fs.readFileSync(path.join(dir, "test-idp.crt"), "utf8");
const TEST_IDP_KEY = fs.readFileSync(path.join(dir, "test-idp.key"), "utf8");
const OTHER_IDP_KEY = fs.readFileSync(path.join(dir, "other-idp.key"), "utf8");
export const TEST_IDP_ISSUER = "https://idp.test-only.example/saml";

export interface AssertionOptions {
  acs: string;
  audience: string;
  email: string;
  name?: string;
  attributes?: Record<string, string>;
  inResponseTo?: string;
  assertionId?: string;
  issuer?: string;
  recipient?: string;
  destination?: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  /** "none" leaves the assertion unsigned; "other" signs it with a key the academy does not trust. */
  signWith?: "test" | "other" | "none";
  /** Changes the signed XML afterwards (to show a tampered assertion is refused). */
  tamper?: (signedXml: string) => string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A base64 SAMLResponse as the IdP's auto-submitting form would post it to the ACS. */
export function samlResponse(o: AssertionOptions): string {
  const now = Date.now();
  const iso = (d: Date) => d.toISOString();
  const notBefore = o.notBefore ?? new Date(now - 60_000);
  const notOnOrAfter = o.notOnOrAfter ?? new Date(now + 5 * 60_000);
  const assertionId = o.assertionId ?? `_a${crypto.randomBytes(16).toString("hex")}`;
  const irt = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : "";
  const attrs = Object.entries({ ...(o.name ? { name: o.name } : {}), ...o.attributes })
    .map(
      ([k, v]) =>
        `<saml:Attribute Name="${esc(k)}"><saml:AttributeValue>${esc(v)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${iso(new Date(now))}">` +
    `<saml:Issuer>${esc(o.issuer ?? TEST_IDP_ISSUER)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(o.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(notOnOrAfter)}" Recipient="${esc(o.recipient ?? o.acs)}"${irt}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(notBefore)}" NotOnOrAfter="${iso(notOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(new Date(now))}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : "") +
    `</saml:Assertion>`;
  let signed = assertion;
  if ((o.signWith ?? "test") !== "none") {
    const sig = new SignedXml({
      privateKey: o.signWith === "other" ? OTHER_IDP_KEY : TEST_IDP_KEY,
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    });
    sig.computeSignature(assertion, { location: { reference: "//*[local-name(.)='Issuer']", action: "after" } });
    signed = sig.getSignedXml();
  }
  if (o.tamper) signed = o.tamper(signed);
  const response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${crypto.randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${iso(new Date(now))}" Destination="${esc(o.destination ?? o.acs)}"${irt}>` +
    `<saml:Issuer>${esc(o.issuer ?? TEST_IDP_ISSUER)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    signed +
    `</samlp:Response>`;
  return Buffer.from(response).toString("base64");
}
