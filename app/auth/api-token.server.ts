import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "#db/index";
import { apiTokens } from "#db/schema/index";
import { randomToken, sha256 } from "./tokens.server";

export const API_SCOPES = [
  "import:write",
  "xapi:read",
  "report:read",
  "learners:read",
  "assignments:write",
  "scim",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export type ApiToken = typeof apiTokens.$inferSelect;

/** JSON error body shared by every API route: { error: { code, message, details? } }. */
export function apiError(status: number, code: string, message: string, details?: unknown): Response {
  return new Response(JSON.stringify({ error: { code, message, ...(details === undefined ? {} : { details }) } }), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

/**
 * The API gate: `Authorization: Bearer <token>` with the required scope. Cookies are never accepted,
 * so API routes need no CSRF protection. Throws a JSON 401/403 Response.
 */
export async function requireApiToken(request: Request, scope: ApiScope): Promise<ApiToken> {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw apiError(401, "unauthorized", "Send an API token as `Authorization: Bearer <token>`.");
  const db = await getDb();
  const [token] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(match[1]!)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!token) throw apiError(401, "unauthorized", "The API token is unknown or has been revoked.");
  if (!token.scopes.includes(scope)) throw apiError(403, "forbidden", `This token lacks the "${scope}" scope.`);
  // Record use at most once a minute per token to keep reads cheap.
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
  }
  return token;
}

/** Creates a token; the clear value is returned once and only its SHA-256 is stored. */
export async function createApiToken(input: { name: string; scopes: ApiScope[]; createdBy: string | null }) {
  const value = `upl_${randomToken(24)}`;
  const db = await getDb();
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      scopes: input.scopes,
      createdBy: input.createdBy,
      tokenHash: sha256(value),
      tokenPrefix: value.slice(0, 8),
    })
    .returning();
  return { token: row!, value };
}
