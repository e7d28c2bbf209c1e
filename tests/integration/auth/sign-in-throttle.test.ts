import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "#app/auth/password.server";
import { ACCOUNT_COOL_DOWN, IP_LIMIT_PER_WINDOW, LOCKOUT_THRESHOLD, signIn } from "#app/auth/sign-in.server";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";

/**
 * Sign-in throttling (issue 15 items 3, 4): budgets are reserved atomically before the password is
 * checked, per account and address (back-off), per account (short cool-down) and per address.
 */
describe("sign-in throttling", () => {
  const handle = useTestDatabase();
  let passwordHash: string;
  beforeAll(async () => {
    passwordHash = await hashPassword("the right password");
  });

  const statuses = (results: { ok: boolean; status?: number }[]) => results.map((r) => (r.ok ? 200 : r.status));

  it("30 parallel wrong passwords for one account from one address: at most the threshold are checked", async () => {
    const user = await createUser(handle.db, { passwordHash });
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(user.email, `wrong ${i}`, "198.51.100.7", now)),
    );
    const checked = statuses(results).filter((s) => s === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(LOCKOUT_THRESHOLD);
    expect(
      statuses(results)
        .filter((s) => s !== 401)
        .every((s) => s === 429),
    ).toBe(true);
    // That address now waits (back-off), even with the right password…
    const again = await signIn(user.email, "the right password", "198.51.100.7", new Date(now.getTime() + 1000));
    expect(again).toMatchObject({ ok: false, status: 429, error: expect.stringContaining("locked") });
    // …until the 15-minute window has passed.
    expect(
      (await signIn(user.email, "the right password", "198.51.100.7", new Date(now.getTime() + 16 * 60_000))).ok,
    ).toBe(true);
  });

  it("one address cannot lock the account for anyone else", async () => {
    const user = await createUser(handle.db, { passwordHash });
    const now = new Date();
    for (let i = 0; i < LOCKOUT_THRESHOLD + 3; i++) await signIn(user.email, "wrong", "198.51.100.8", now);
    expect((await signIn(user.email, "the right password", "198.51.100.8", now)).ok).toBe(false);
    expect((await signIn(user.email, "the right password", "192.0.2.50", now)).ok).toBe(true);
  });

  it("failures from many addresses cause a short cool-down for the account, then everyone signs in again", async () => {
    const user = await createUser(handle.db, { passwordHash });
    const now = new Date();
    const attackers = Array.from({ length: 3 * ACCOUNT_COOL_DOWN.failures }, (_, i) => `203.0.113.${i + 1}`);
    const results = await Promise.all(attackers.map((address) => signIn(user.email, "wrong", address, now)));
    // Parallel attempts from all those addresses together are checked at most the account's budget times.
    expect(statuses(results).filter((s) => s === 401).length).toBeLessThanOrEqual(ACCOUNT_COOL_DOWN.failures);
    const during = await signIn(user.email, "the right password", "192.0.2.60", new Date(now.getTime() + 5_000));
    expect(during).toMatchObject({ ok: false, status: 429 });
    expect(during.ok === false && during.retryAfterSeconds).toBeLessThanOrEqual(ACCOUNT_COOL_DOWN.seconds);
    const after = await signIn(
      user.email,
      "the right password",
      "192.0.2.60",
      new Date(now.getTime() + (ACCOUNT_COOL_DOWN.seconds + 1) * 1000),
    );
    expect(after.ok).toBe(true);
  });

  it("a refused attempt during the cool-down does not count against the person's own address", async () => {
    const user = await createUser(handle.db, { passwordHash });
    const now = new Date();
    await Promise.all(
      Array.from({ length: ACCOUNT_COOL_DOWN.failures }, (_, i) =>
        signIn(user.email, "wrong", `203.0.113.${100 + i}`, now),
      ),
    );
    for (let i = 0; i < LOCKOUT_THRESHOLD + 2; i++) {
      expect(
        await signIn(user.email, "the right password", "192.0.2.70", new Date(now.getTime() + 1000)),
      ).toMatchObject({ status: 429 });
    }
    expect(
      (
        await signIn(
          user.email,
          "the right password",
          "192.0.2.70",
          new Date(now.getTime() + (ACCOUNT_COOL_DOWN.seconds + 1) * 1000),
        )
      ).ok,
    ).toBe(true);
  });

  it("an address spraying many accounts is stopped; other addresses are not", async () => {
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: IP_LIMIT_PER_WINDOW + 10 }, (_, i) =>
        signIn(`nobody-${i}@spray.test`, "wrong", "198.51.100.9", now),
      ),
    );
    expect(statuses(results).filter((s) => s === 401).length).toBe(IP_LIMIT_PER_WINDOW);
    const user = await createUser(handle.db, { passwordHash });
    expect((await signIn(user.email, "the right password", "198.51.100.9", now)).ok).toBe(false);
    expect((await signIn(user.email, "the right password", "198.51.100.10", now)).ok).toBe(true);
  });

  it("a correct password ends that address's back-off for the account", async () => {
    const user = await createUser(handle.db, { passwordHash });
    const now = new Date();
    for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i++)
      expect((await signIn(user.email, "wrong", "198.51.100.11", now)).ok).toBe(false);
    expect((await signIn(user.email, "the right password", "198.51.100.11", now)).ok).toBe(true);
    for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i++)
      expect(await signIn(user.email, "wrong", "198.51.100.11", now)).toMatchObject({ status: 401 });
  });
});
