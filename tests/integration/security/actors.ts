import crypto from "node:crypto";
import type { Db } from "#db/index";
import { apiTokens, certificates } from "#db/schema/index";
import { newCertificateCode } from "#app/learning/certificates.server";
import { sha256 } from "#app/auth/tokens.server";
import { createAccount, createUser } from "../../support/factories";
import { sessionCookieFor } from "../../support/requests";

export const ACTORS = [
  "anonymous",
  "learnerA",
  "learnerB",
  "customerAdminA",
  "author",
  "csLeader",
  "admin",
  "apiToken",
  "apiTokenNoScope",
] as const;
export type Actor = (typeof ACTORS)[number];

export interface World {
  accountA: { id: string; externalId: string };
  accountB: { id: string; externalId: string };
  users: Record<
    "learnerA" | "learnerB" | "customerAdminA" | "author" | "csLeader" | "admin",
    { id: string; email: string }
  >;
  headers: Record<Actor, Record<string, string>>;
  /** learnerA's certificate for the fixture course (public verification page). */
  certificateCode: string;
}

/** Two customer accounts, one person per role, and two API tokens (with and without scopes). */
export async function buildWorld(db: Db): Promise<World> {
  const accountA = await createAccount(db, { name: "Account A" });
  const accountB = await createAccount(db, { name: "Account B" });
  const users = {
    learnerA: await createUser(db, { accountId: accountA.id }),
    learnerB: await createUser(db, { accountId: accountB.id }),
    customerAdminA: await createUser(db, { accountId: accountA.id, isAccountAdmin: true }),
    author: await createUser(db, { role: "author" }),
    csLeader: await createUser(db, { role: "cs_leader" }),
    admin: await createUser(db, { role: "admin" }),
  };
  const token = async (scopes: string[]) => {
    const value = `upl_${crypto.randomBytes(24).toString("base64url")}`;
    await db.insert(apiTokens).values({
      name: `t-${scopes.join("-") || "none"}`,
      tokenHash: sha256(value),
      tokenPrefix: value.slice(0, 8),
      scopes,
    });
    return value;
  };
  const headers = {} as World["headers"];
  headers.anonymous = {};
  for (const [actor, user] of Object.entries(users)) headers[actor as Actor] = { Cookie: await sessionCookieFor(user) };
  headers.apiToken = {
    Authorization: `Bearer ${await token(["import:write", "xapi:read", "report:read", "learners:read", "assignments:write", "scim"])}`,
  };
  headers.apiTokenNoScope = { Authorization: `Bearer ${await token([])}` };
  const certificateCode = newCertificateCode();
  await db
    .insert(certificates)
    .values({ code: certificateCode, userId: users.learnerA.id, accountId: accountA.id, courseId: "fixture-basics" });
  return { accountA, accountB, users, headers, certificateCode };
}
