import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull, lt, sql, type Placeholder } from "drizzle-orm";
import { getDb, type Executor } from "#db/index";
import { readBesideTransaction } from "#db/pausing-transaction";
import { prepared } from "#db/prepared";
import { sessions, users } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import { randomToken, sha256 } from "./tokens.server";
import { memoForRequest } from "#app/utils/request-memo.server";

const SESSION_DAYS = 30;

let cookie: ReturnType<typeof createCookie> | undefined;
function sessionCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("uplift_session", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [env.SESSION_SECRET],
      maxAge: SESSION_DAYS * 24 * 3600,
    });
  }
  return cookie;
}

/**
 * Secure flag: forced by SECURE_COOKIES, otherwise on in production whenever the request came over
 * HTTPS (directly, or via a proxy's X-Forwarded-Proto) or PUBLIC_URL is https.
 */
export function cookieIsSecure(request: Request): boolean {
  const env = getEnv();
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === "true";
  if (env.NODE_ENV !== "production") return false;
  return new URL(request.url).protocol === "https:" || !!env.PUBLIC_URL?.startsWith("https:");
}

export type SessionUser = typeof users.$inferSelect;

/** Reads the signed cookie, looks the session up by token hash; null when absent or expired. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length < 20) return null;
  const id = sha256(token);
  // Root and route loaders of one page view share the lookup (see request-memo.server.ts).
  return memoForRequest(`session:${id}`, async () => {
    const db = await getDb();
    // Sessions and users are never written by an import: on PGlite the lookup may run inside an
    // import's open transaction (db/pausing-transaction.ts) and sees the committed rows there.
    const rows = await readBesideTransaction(db, (executor) =>
      executor === db ? sessionUserQuery(db).execute({ id }) : sessionUserSelect(executor, id),
    );
    return rows[0]?.user ?? null;
  });
}

const sessionUserSelect = (db: Executor, id: string | Placeholder) =>
  db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), isNull(users.deactivatedAt)))
    .limit(1);
const sessionUserQuery = prepared((db) => sessionUserSelect(db, sql.placeholder("id")).prepare("session_user"));

/**
 * Creates a fresh session (a new id on every sign-in: no session fixation) and returns the
 * Set-Cookie header. Any session id the browser carried before is destroyed.
 */
export async function createUserSession(request: Request, user: SessionUser): Promise<string> {
  if (user.deactivatedAt)
    throw new Response("This account has been deactivated. Ask your academy admin.", { status: 403 });
  const db = await getDb();
  const previous = await sessionCookie().parse(request.headers.get("Cookie"));
  const token = randomToken();
  await db.transaction(async (tx) => {
    if (typeof previous === "string") await tx.delete(sessions).where(eq(sessions.id, sha256(previous)));
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, new Date())));
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      accountId: user.accountId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
    });
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  });
  return sessionCookie().serialize(token, { secure: cookieIsSecure(request) });
}

export async function destroyUserSession(request: Request): Promise<string> {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token === "string") {
    const db = await getDb();
    await db.delete(sessions).where(eq(sessions.id, sha256(token)));
  }
  return sessionCookie().serialize("", { maxAge: 0, secure: cookieIsSecure(request) });
}

export async function signOutRedirect(request: Request) {
  return redirect("/login", { headers: { "Set-Cookie": await destroyUserSession(request) } });
}
