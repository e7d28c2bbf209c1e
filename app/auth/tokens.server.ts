import crypto from "node:crypto";

/** Random URL-safe secret token (sessions, invitations, API tokens). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** Secrets are stored only as their SHA-256 (high-entropy tokens need no slow KDF). */
export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
