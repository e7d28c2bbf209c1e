import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions } from "#db/schema/index";
import { action as signOutAction, loader as signOutLoader } from "#app/routes/logout";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, run, sessionCookieFor } from "../../support/requests";

type Reply = { result: { status: string; error?: Record<string, string[] | null> } };

/**
 * Issue 18 item 5: sign-out parses the button's intent with zod. Any other POST signs nothing out (the
 * session row stays, no cookie is cleared) and answers conform's reply with a translated form error,
 * which /logout shows beside the Sign out button; the button signs out as before.
 */
describe("sign out (/logout)", () => {
  const handle = useTestDatabase();
  let userId: string;
  let cookie: string;
  beforeAll(async () => {
    const user = await createUser(handle.db, {});
    userId = user.id;
    cookie = await sessionCookieFor(user);
  });
  const signOut = (body: string | null, headers: Record<string, string> = {}) =>
    run(() =>
      signOutAction({
        request: new Request("http://localhost/logout", {
          method: "POST",
          body,
          headers: {
            Cookie: cookie,
            ...(body === null ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
            ...headers,
          },
        }),
        params: {},
        context: {},
      }),
    );
  const sessionRows = async () => (await handle.db.select().from(sessions).where(eq(sessions.userId, userId))).length;

  it("refuses a POST without the button's intent, keeping the session, with the error in the person's language", async () => {
    for (const [body, headers, message] of [
      [null, {}, "You are still signed in: use the Sign out button to sign out."],
      ["intent=delete", {}, "You are still signed in: use the Sign out button to sign out."],
      ["", { "Accept-Language": "de" }, expect.stringMatching(/^Sie sind noch angemeldet/)],
    ] as const) {
      const res = await signOut(body, headers);
      expect(res.status).toBe(400);
      expect(res.headers.get("Set-Cookie")).toBeNull();
      expect(((await res.json()) as Reply).result.error).toEqual({ intent: [message] });
    }
    expect(await sessionRows()).toBe(1);
    // Still signed in: /logout shows the Sign out button (anyone signed out is sent home).
    expect((await run(() => signOutLoader({ request: get("/logout", cookie), params: {}, context: {} }))).status).toBe(
      200,
    );
    const anonymous = await run(() => signOutLoader({ request: get("/logout"), params: {}, context: {} }));
    expect([anonymous.status, anonymous.headers.get("Location")]).toEqual([302, "/"]);
  });

  it("the Sign out button signs out: session deleted, cookie cleared, on to /login", async () => {
    const res = await signOut("intent=logout");
    expect([res.status, res.headers.get("Location")]).toEqual([302, "/login"]);
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await sessionRows()).toBe(0);
    const after = await run(() => signOutLoader({ request: get("/logout", cookie), params: {}, context: {} }));
    expect(after.headers.get("Location")).toBe("/");
  });
});
