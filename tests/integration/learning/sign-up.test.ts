import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema/index";
import { action as signupAction } from "#app/routes/signup";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invite.$token";
import { createMemoryMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { publicUrl } from "#app/utils/public-url.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { get, post, run } from "../../support/requests";

/** Issue 15 item 15: /signup answers the same whatever exists; the email says what applies. */
describe("self sign-up by email", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  beforeAll(async () => {
    setMailAdapter(mail);
  });
  afterAll(async () => {
    setMailAdapter(logMailAdapter);
  });

  let n = 0;
  /** Each request from its own address, so the sign-up budgets do not interfere. */
  async function signUp(email: string, address = `10.0.0.${++n}`) {
    const res = await run(() =>
      signupAction({ request: post("/signup", { email }), params: {}, context: { clientAddress: address } }),
    );
    return { status: res.status, cookie: res.headers.get("Set-Cookie"), body: await res.text() };
  }
  const lastMailTo = (to: string) => mail.sent.filter((m) => m.to === to).at(-1);

  it("answers identically for a domain with an academy, a domain without one, and an existing account", async () => {
    const account = await createAccount(handle.db, { name: "Signup Co", emailDomains: ["signup-co.test"] });
    const existing = await createUser(handle.db, { accountId: account.id, email: "already@signup-co.test" });
    const cases = ["new.person@signup-co.test", "someone@no-academy.test", existing.email];
    const answers = await Promise.all(cases.map((email) => signUp(email)));
    const shapes = answers.map((a, i) => ({ ...a, body: a.body.replaceAll(cases[i]!, "<email>") }));
    expect(shapes[0]).toEqual(shapes[1]);
    expect(shapes[0]).toEqual(shapes[2]);
    expect(shapes[0]).toMatchObject({ status: 200, cookie: null });
    // What differs goes by email, to the address's owner only.
    expect(lastMailTo(cases[0]!)?.text).toContain(publicUrl("/invite/"));
    expect(lastMailTo(cases[1]!)?.text).toContain("no company academy is set up for @no-academy.test");
    expect(lastMailTo(cases[2]!)?.text).toContain("you already have one");
    expect(lastMailTo(cases[2]!)?.text).not.toContain("/invite/");
    expect(await handle.db.select().from(users).where(eq(users.email, cases[0]!))).toHaveLength(0);
  });

  it("the emailed link lets the person set name and password and join the account of their domain", async () => {
    const account = await createAccount(handle.db, { name: "Linked Co", emailDomains: ["linked-co.test"] });
    await signUp("Ana@Linked-Co.test");
    const link = /\/invite\/([A-Za-z0-9_-]{43})/.exec(lastMailTo("ana@linked-co.test")!.text)!;
    const token = link[1]!;
    const page = (await (
      await run(() => inviteLoader({ request: get(`/invite/${token}`), params: { token }, context: {} }))
    ).json()) as { invitation: { status: string; accountName: string } };
    expect(page.invitation).toMatchObject({ status: "valid", accountName: "Linked Co" });
    const res = await run(() =>
      inviteAction({
        request: post(`/invite/${token}`, { name: "Ana", password: "long enough password" }),
        params: { token },
        context: { clientAddress: "10.1.0.1" },
      }),
    );
    expect(res.status).toBe(302);
    const [user] = await handle.db.select().from(users).where(eq(users.email, "ana@linked-co.test"));
    expect(user).toMatchObject({ accountId: account.id, role: "learner", name: "Ana" });
  });

  it("refuses bad input and too many requests from one address with a clear 4xx", async () => {
    expect((await signUp("not an email")).status).toBe(400);
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUp(`flood-${i}@flood.test`, "10.9.9.9")).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
