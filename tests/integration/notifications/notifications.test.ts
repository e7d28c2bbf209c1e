import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { assignments, jobs } from "#db/schema/index";
import { runScheduledWork } from "#app/notifications/jobs/scheduler.server";
import { isoWeek, mondayOf } from "#app/notifications/plan.server";
import { preferencesOf, unsubscribeToken, verifyUnsubscribeToken } from "#app/notifications/preferences.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "#app/routes/unsubscribe.$token";
import { action as settingsAction, loader as settingsLoader } from "#app/routes/settings.notifications";
import { createMemoryMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { completeCourseAt, insertCourses } from "../../support/customer-data";
import { get, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies in assertions
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe("reminders, digests, preferences and one-click unsubscribe", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  let acme: Awaited<ReturnType<typeof createAccount>>;
  let ana: Awaited<ReturnType<typeof createUser>>,
    bo: Awaited<ReturnType<typeof createUser>>,
    cy: Awaited<ReturnType<typeof createUser>>;
  let teamAdmin: Awaited<ReturnType<typeof createUser>>, leader: Awaited<ReturnType<typeof createUser>>;
  const sentTo = (email: string) => mail.sent.filter((m) => m.to === email);
  // Digests wait for Monday 08:00 UTC of the week: run the scheduler "then" for them to be due.
  const afterMonday = () => new Date(Math.max(Date.now(), mondayOf(new Date()).getTime() + 1000));

  beforeAll(async () => {
    setMailAdapter(mail);
    const db = handle.db;
    await insertCourses(db, [
      { id: "nt-a", stage: "onboarding", features: [], title: "Setup basics" },
      { id: "nt-b", stage: "adoption", features: [], title: "Alerts" },
    ]);
    acme = await createAccount(db, { name: "Acme", csmOwner: "nobody matching" });
    ana = await createUser(db, { accountId: acme.id });
    bo = await createUser(db, { accountId: acme.id });
    cy = await createUser(db, { accountId: acme.id });
    teamAdmin = await createUser(db, { accountId: acme.id, isAccountAdmin: true });
    leader = await createUser(db, { role: "cs_leader" });
    await db.insert(assignments).values([
      { accountId: acme.id, userId: ana.id, courseId: "nt-a", dueOn: day(2) }, // due soon
      { accountId: acme.id, userId: bo.id, courseId: "nt-a", dueOn: day(-3) }, // overdue
      { accountId: acme.id, userId: cy.id, courseId: "nt-a", dueOn: day(1) }, // due soon but completed
      { accountId: acme.id, userId: cy.id, courseId: "nt-b", dueOn: day(20) }, // not due yet
    ]);
    await completeCourseAt(db, { id: cy.id, accountId: acme.id }, "nt-a", day(0));
  });

  it("sends each due reminder and weekly digest once, however often the scheduler runs", async () => {
    for (let i = 0; i < 3; i++) await runScheduledWork(handle.db, { now: new Date(), worker: `w${i}` });
    await runScheduledWork(handle.db, { now: afterMonday(), worker: "w-late" });
    expect(sentTo(ana.email).map((m) => m.subject)).toEqual([`Due ${day(2)}: Setup basics`]);
    expect(sentTo(bo.email).map((m) => m.subject)).toEqual(["Overdue: Setup basics"]);
    expect(sentTo(cy.email)).toEqual([]); // completed, and the other one is not due
    expect(sentTo(teamAdmin.email).map((m) => m.subject)).toEqual([`Acme training, week ${isoWeek(new Date())}`]);
    expect(sentTo(teamAdmin.email)[0]!.text).toContain("Assigned courses: 4 — 1 completed, 2 open, 1 overdue.");
    expect(sentTo(leader.email)).toHaveLength(1);
    expect(sentTo(leader.email)[0]!.text).toContain("No revenue data has been imported yet"); // no customer data in this database
    const keys = (await handle.db.select({ key: jobs.key, status: jobs.status }).from(jobs))
      .map((j) => `${j.key.split(":").slice(0, 2).join(":")} ${j.status}`)
      .sort();
    expect(keys).toEqual(["digest:csm done", "digest:team done", "reminder:due-soon done", "reminder:overdue done"]); // cy completed: not queued
  });

  it("each reminder carries RFC 8058 one-click headers whose link unsubscribes without sign-in", async () => {
    const reminder = sentTo(ana.email)[0]!;
    const link = /^<(http[^>]+)>$/.exec(reminder.headers!["List-Unsubscribe"]!)![1]!;
    expect(reminder.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(reminder.text).toContain(link);
    const token = link.split("/unsubscribe/")[1]!;
    expect(verifyUnsubscribeToken(token)).toEqual({ userId: ana.id, kind: "reminders" });
    // GET only asks; a forged token is a 404.
    const page = await run(() =>
      unsubscribeLoader({ request: get(`/unsubscribe/${token}`), params: { token }, context: {} }),
    );
    expect(page.status).toBe(200);
    expect((await preferencesOf(handle.db, ana.id)).reminders).toBe(true);
    const forged = `${bo.id}.reminders.${token.split(".")[2]}`;
    expect(
      (
        await run(() =>
          unsubscribeLoader({ request: get(`/unsubscribe/${forged}`), params: { token: forged }, context: {} }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await run(() =>
          unsubscribeAction({
            request: new Request(`http://x/unsubscribe/${forged}`, { method: "POST" }),
            params: { token: forged },
            context: {},
          }),
        )
      ).status,
    ).toBe(404);
    // The mail client's one-click POST.
    const res = await run(() =>
      unsubscribeAction({
        request: new Request(`http://x/unsubscribe/${token}`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
        params: { token },
        context: {},
      }),
    );
    expect(res.status).toBe(200);
    expect(await preferencesOf(handle.db, ana.id)).toMatchObject({ reminders: false, team_digest: true });
    expect((await preferencesOf(handle.db, bo.id)).reminders).toBe(true);
  });

  it("an unsubscribed learner gets no reminder; the settings page switches it back on", async () => {
    await handle.db.insert(assignments).values({ accountId: acme.id, userId: ana.id, courseId: "nt-b", dueOn: day(1) });
    const before = mail.sent.length;
    await runScheduledWork(handle.db, { worker: "w4" });
    expect(mail.sent.length).toBe(before);
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(sql`key like ${`reminder:due-soon:%:${day(1)}`} and payload->>'userId' = ${ana.id}`);
    expect(job).toMatchObject({ status: "done", result: { skipped: "unsubscribed" } });

    const cookie = await sessionCookieFor(ana);
    const page = (await (
      await run(() => settingsLoader({ request: get("/settings/notifications", cookie), params: {}, context: {} }))
    ).json()) as Json;
    expect(page.kinds).toEqual([expect.objectContaining({ kind: "reminders", enabled: false })]);
    await run(() =>
      settingsAction({
        request: new Request("http://localhost/settings/notifications", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: "reminders=on",
        }),
        params: {},
        context: {},
      }),
    );
    expect((await preferencesOf(handle.db, ana.id)).reminders).toBe(true);
  });

  it("the settings form refuses a box sent with another value beside it, in the person's language, saving nothing", async () => {
    const cookie = await sessionCookieFor(teamAdmin);
    const before = await preferencesOf(handle.db, teamAdmin.id);
    const res = await run(() =>
      settingsAction({
        request: new Request("http://localhost/settings/notifications", {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "de" },
          body: "team_digest=yes",
        }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Json;
    expect(body.saved).toBe(false);
    expect(body.result.error).toEqual({ team_digest: ["Setzen Sie das Häkchen oder lassen Sie das Feld leer."] });
    expect(body.result.initialValue).toEqual({ team_digest: "yes" });
    expect(await preferencesOf(handle.db, teamAdmin.id)).toEqual(before);
  });

  it("unsubscribe refuses a POST that is neither the button nor the one-click body, switching nothing off; the button works", async () => {
    const dee = await createUser(handle.db, { accountId: acme.id });
    const token = unsubscribeToken(dee.id, "reminders");
    const before = await preferencesOf(handle.db, dee.id);
    const unsubscribe = (body: string | null, headers: Record<string, string> = {}) =>
      run(() =>
        unsubscribeAction({
          request: new Request(`http://x/unsubscribe/${token}`, {
            method: "POST",
            headers: body === null ? headers : { "Content-Type": "application/x-www-form-urlencoded", ...headers },
            body,
          }),
          params: { token },
          context: {},
        }),
      );
    for (const [body, headers, message] of [
      [null, {}, "Nothing was changed: use the Unsubscribe button below to stop these emails."],
      ["intent=delete", {}, "Nothing was changed: use the Unsubscribe button below to stop these emails."],
      ["List-Unsubscribe=Maybe", { "Accept-Language": "de" }, expect.stringMatching(/^Nichts wurde geändert/)],
    ] as const) {
      const res = await unsubscribe(body, headers);
      expect(res.status).toBe(400);
      const reply = (await res.json()) as Json;
      expect(reply.unsubscribed).toBeNull();
      expect(reply.result.error).toEqual({ "": [message] });
    }
    expect(await preferencesOf(handle.db, dee.id)).toEqual(before);
    const res = await unsubscribe("intent=unsubscribe");
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).unsubscribed).toBe("reminders");
    expect(await preferencesOf(handle.db, dee.id)).toEqual({ ...before, reminders: false });
  });

  it("a due date moved later is a new reminder; tokens are per person and kind", async () => {
    await handle.db
      .update(assignments)
      .set({ dueOn: day(3) })
      .where(eq(assignments.userId, bo.id));
    await runScheduledWork(handle.db, { worker: "w5" });
    expect(sentTo(bo.email).map((m) => m.subject)).toEqual(["Overdue: Setup basics", `Due ${day(3)}: Setup basics`]);
    expect(unsubscribeToken(bo.id, "reminders")).not.toBe(unsubscribeToken(bo.id, "team_digest"));
    expect(
      verifyUnsubscribeToken(unsubscribeToken(bo.id, "team_digest").replace("team_digest", "reminders")),
    ).toBeNull();
  });
});
