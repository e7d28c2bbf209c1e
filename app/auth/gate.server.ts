import { redirect } from "@remix-run/node";
import type { Role } from "#db/schema/index";
import { getSessionUser, type SessionUser } from "./session.server";
import { safeRedirect } from "#app/utils/safe-redirect";

/**
 * The one authorization gate. Every loader and action calls one of these.
 * Anonymous → redirect to /login?redirectTo=…; wrong role → 403.
 */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const to = safeRedirect(url.pathname + url.search, "/");
    throw redirect(`/login?redirectTo=${encodeURIComponent(to)}`);
  }
  return user;
}

export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** A learner: must belong to an account. Staff roles may also browse the academy as readers. */
export async function requireLearner(request: Request): Promise<SessionUser & { accountId: string }> {
  const user = await requireUser(request);
  if (!user.accountId) throw new Response("This page is for learners of a customer account.", { status: 403 });
  return user as SessionUser & { accountId: string };
}

/** Staff (cs_leader, admin) may see any account; a learner only their own, and only if account admin when asked. */
export function requireAccountAccess(user: SessionUser, accountId: string, opts: { adminOfAccount?: boolean } = {}) {
  if (user.role === "admin" || user.role === "cs_leader") return;
  if (user.accountId !== accountId) throw new Response("Not found", { status: 404 });
  if (opts.adminOfAccount && !user.isAccountAdmin) throw new Response("Forbidden", { status: 403 });
}

export function canAuthor(user: SessionUser) {
  return user.role === "author" || user.role === "admin";
}
