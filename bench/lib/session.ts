import { createCookie } from "@remix-run/node";
import { randomToken, sha256 } from "../../app/auth/tokens.server";
import type { Db } from "../../db/index";
import { sessions } from "../../db/schema/index";

/** Creates sessions directly (no scrypt per learner) and returns signed Cookie headers. */
export async function createSessions(db: Db, userIds: string[], secret: string): Promise<string[]> {
  const cookie = createCookie("uplift_session", { secrets: [secret], httpOnly: true, sameSite: "lax", path: "/" });
  const tokens = userIds.map(() => randomToken());
  for (let i = 0; i < userIds.length; i += 500) {
    await db.insert(sessions).values(
      userIds.slice(i, i + 500).map((userId, j) => ({
        id: sha256(tokens[i + j]!),
        userId,
        expiresAt: new Date(Date.now() + 86400_000),
      })),
    );
  }
  return Promise.all(tokens.map(async (t) => (await cookie.serialize(t)).split(";")[0]!));
}
