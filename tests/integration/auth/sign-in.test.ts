import { describe, expect, it } from "vitest";
import { hashPassword } from "#app/auth/password.server";
import { signIn, LOCKOUT_THRESHOLD } from "#app/auth/sign-in.server";
import { createUserSession, getSessionUser } from "#app/auth/session.server";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";

describe("sign-in and sessions", () => {
  const handle = useTestDatabase();

  it("hashes passwords with scrypt and verifies them", async () => {
    const user = await createUser(handle.db, { passwordHash: await hashPassword("correct horse battery") });
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect((await signIn(user.email, "correct horse battery", "1.1.1.1")).ok).toBe(true);
    const bad = await signIn(user.email, "wrong", "1.1.1.1");
    expect(bad).toMatchObject({ ok: false, status: 401 });
  });

  it("locks an account for an address after repeated failures from it, even with the right password", async () => {
    const user = await createUser(handle.db, { passwordHash: await hashPassword("right password 1") });
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signIn(user.email, "nope", "2.2.2.1");
    const locked = await signIn(user.email, "right password 1", "2.2.2.1");
    expect(locked).toMatchObject({ ok: false, status: 429 });
  });

  it("issues a new session id on sign-in and drops the one the browser carried (no fixation)", async () => {
    const user = await createUser(handle.db);
    const first = (await createUserSession(new Request("http://x"), user)).split(";")[0]!;
    const second = (await createUserSession(new Request("http://x", { headers: { Cookie: first } }), user)).split(
      ";",
    )[0]!;
    expect(second).not.toBe(first);
    expect(await getSessionUser(new Request("http://x", { headers: { Cookie: first } }))).toBeNull();
    expect((await getSessionUser(new Request("http://x", { headers: { Cookie: second } })))?.id).toBe(user.id);
  });

  it("sets httpOnly, SameSite=Lax session cookies", async () => {
    const user = await createUser(handle.db);
    const header = await createUserSession(new Request("http://x"), user);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
  });
});
