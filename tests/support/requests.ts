import { createUserSession } from "#app/auth/session.server";
import type { SessionUser } from "#app/auth/session.server";

const BASE = "http://localhost";

/** Cookie header of a real session for this user (same code path as sign-in). */
export async function sessionCookieFor(user: SessionUser): Promise<string> {
  const setCookie = await createUserSession(new Request(BASE), user);
  return setCookie.split(";")[0]!;
}

export function get(path: string, cookie?: string) {
  return new Request(BASE + path, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(BASE + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** Runs a loader/action and returns the Response whether it returned or threw one. */
export async function run(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const out = await fn();
    return out instanceof Response ? out : new Response(JSON.stringify(out), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
