import { desc, eq, isNull, and } from "drizzle-orm";
import type { Db } from "#db/index";
import { apiTokens, auditLog } from "#db/schema/index";
import { createApiToken, type ApiScope } from "./api-token.server";

export async function listApiTokens(db: Db) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .orderBy(desc(apiTokens.createdAt));
}

export async function issueApiToken(db: Db, input: { name: string; scopes: ApiScope[]; actorId: string }) {
  const created = await createApiToken({ name: input.name, scopes: input.scopes, createdBy: input.actorId });
  await db.insert(auditLog).values({
    actorUserId: input.actorId,
    action: "api_token.created",
    target: created.token.id,
    details: { name: input.name, scopes: input.scopes },
  });
  return created;
}

export async function revokeApiToken(db: Db, id: string, actorId: string) {
  await db.transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    await tx.insert(auditLog).values({ actorUserId: actorId, action: "api_token.revoked", target: id });
  });
}
