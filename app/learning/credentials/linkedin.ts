/**
 * LinkedIn's "Add to profile" link for a certification, with every field LinkedIn lets us fill
 * (https://addtoprofile.linkedin.com): name, issuing organization, issue and expiry month, the
 * certificate's public URL and its ID. The learner confirms on LinkedIn; nothing is posted for them.
 */
export function linkedInAddToProfileUrl(
  c: { courseTitle: string; code: string; issuedAt: string; expiresAt: string | null },
  certUrl: string,
  organizationName = "Uplift Academy",
): string {
  const issued = new Date(c.issuedAt);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.courseTitle,
    organizationName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
  });
  if (c.expiresAt) {
    const expires = new Date(c.expiresAt);
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  params.set("certUrl", certUrl);
  params.set("certId", c.code);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
