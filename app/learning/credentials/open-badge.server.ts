import { SignJWT } from "jose";
import type { Db } from "#db/index";
import { publicBaseUrl } from "#app/utils/public-url.server";
import { findCertificate, type PublicCertificate } from "../certificates.server";
import { credentialSigningKey } from "./signing-key.server";

export const JWKS_PATH = "/.well-known/jwks.json";

/**
 * The certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential, data model 2.0):
 * `credential` is the readable JSON, `jwt` the same credential signed as a VC-JWT (JOSE header
 * typ "vc+jwt", kid = the key's thumbprint in the JWKS at /.well-known/jwks.json, also given as jku).
 * The JWT's claims repeat the credential's dates: nbf = validFrom, exp = validUntil (an expired
 * certificate fails jwtVerify with "exp" — `status` says so too). A revoked certificate keeps its valid
 * signature: `status` ("revoked") is read from the academy each time the URL is fetched.
 */
export async function openBadgeCredential(db: Db, rawCode: string) {
  const certificate = await findCertificate(db, rawCode);
  if (!certificate) return null;
  const base = publicBaseUrl();
  const credential = buildCredential(certificate, base);
  const key = await credentialSigningKey();
  const payload = {
    ...credential,
    iss: credential.issuer.id,
    sub: credential.credentialSubject.id,
    jti: credential.id,
    nbf: Math.floor(new Date(certificate.issuedAt).getTime() / 1000),
    ...(certificate.expiresAt ? { exp: Math.floor(new Date(certificate.expiresAt).getTime() / 1000) } : {}),
  };
  const jwt = await new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, typ: "vc+jwt", kid: key.kid, jku: `${base}${JWKS_PATH}` })
    .setIssuedAt(Math.floor(new Date(certificate.issuedAt).getTime() / 1000))
    .sign(key.privateKey);
  return {
    status: certificate.status,
    credential,
    jwt,
    verification: {
      jwks: `${base}${JWKS_PATH}`,
      kid: key.kid,
      alg: key.alg,
      page: `${base}/certificates/${certificate.code}`,
    },
  };
}

function buildCredential(c: PublicCertificate, base: string) {
  const page = `${base}/certificates/${c.code}`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `${page}.json`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${c.courseTitle} certificate`,
    issuer: { id: base, type: ["Profile"], name: "Uplift Academy", url: base },
    validFrom: c.issuedAt,
    ...(c.expiresAt ? { validUntil: c.expiresAt } : {}),
    credentialSubject: {
      // The learner is named, not identified by email: the credential is public like the certificate page.
      id: `${page}#recipient`,
      type: ["AchievementSubject"],
      name: c.learnerName,
      achievement: {
        id: `${base}/courses/${c.courseId}#achievement`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: c.courseTitle,
        description: c.courseSummary,
        criteria: {
          narrative: `Completed every lesson of the ${c.stage}-stage course "${c.courseTitle}" (about ${c.estimatedMinutes} minutes) at Uplift Academy, passing its knowledge checks.`,
        },
      },
    },
    evidence: [{ id: page, type: ["Evidence"], name: "Certificate verification page" }],
  };
}
