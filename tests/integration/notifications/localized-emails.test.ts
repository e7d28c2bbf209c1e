import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, contentTranslations, users } from "#db/schema/index";
import { inviteColleague } from "#app/learning/invitations.server";
import { runScheduledWork } from "#app/notifications/jobs/scheduler.server";
import { createMemoryMailAdapter, logMailAdapter, setMailAdapter } from "#app/utils/mail.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { insertCourses } from "../../support/customer-data";

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Emails to learners go out in the recipient's language (users.language), course titles included. */
describe("emails in the learner's language", () => {
  const handle = useTestDatabase();
  const mail = createMemoryMailAdapter();
  const sentTo = (email: string) => mail.sent.filter((m) => m.to === email);
  beforeAll(() => setMailAdapter(mail));
  afterAll(() => setMailAdapter(logMailAdapter));

  it("a German learner's due-date reminder is German, with the German course title; an English one's stays English", async () => {
    const db = handle.db;
    await insertCourses(db, [{ id: "le-a", stage: "onboarding", features: [], title: "Setup basics" }]);
    await db.insert(contentTranslations).values({
      kind: "course",
      id: "le-a",
      courseId: "le-a",
      locale: "de",
      title: "Grundlagen der Einrichtung",
      sourcePath: "content/courses/le-a/course.de.mdx",
      sourceHash: "0000000000000000",
      contentHash: "x",
      compiledCode: "",
    });
    const account = await createAccount(db, { name: "Lokal GmbH" });
    const greta = await createUser(db, { accountId: account.id });
    await db.update(users).set({ language: "de" }).where(eq(users.id, greta.id));
    const emma = await createUser(db, { accountId: account.id });
    await db.insert(assignments).values([
      { accountId: account.id, userId: greta.id, courseId: "le-a", dueOn: day(2) },
      { accountId: account.id, userId: emma.id, courseId: "le-a", dueOn: day(-3) },
    ]);
    await runScheduledWork(db, { now: new Date(), worker: "le" });

    const [german] = sentTo(greta.email);
    expect(german?.subject).toBe(`Fällig am ${day(2)}: Grundlagen der Einrichtung`);
    expect(german?.text).toContain(`Der Ihnen zugewiesene Kurs „Grundlagen der Einrichtung“ ist am ${day(2)} fällig.`);
    expect(german?.text).toContain("Sie erhalten Erinnerungen an zugewiesene Kurse. Abmelden:");
    expect(german?.html).toContain('<html lang="de">');
    expect(sentTo(emma.email).map((m) => m.subject)).toEqual(["Overdue: Setup basics"]);
  });

  it("an invitation goes out in the invitee's language, else the inviting admin's", async () => {
    const db = handle.db;
    const account = await createAccount(db, { name: "Beispiel AG" });
    const admin = await createUser(db, { accountId: account.id, isAccountAdmin: true });
    const [germanAdmin] = await db.update(users).set({ language: "de" }).where(eq(users.id, admin.id)).returning();
    const opts = { baseUrl: "https://academy.example" };

    // A new colleague, invited by a German admin.
    await inviteColleague(db, { ...germanAdmin!, accountId: account.id }, "neu@beispiel.example", opts);
    const [invitation] = sentTo("neu@beispiel.example");
    expect(invitation?.subject).toBe("Einladung ins Team Beispiel AG bei Uplift Academy");
    expect(invitation?.text).toContain("Einladung annehmen: https://academy.example/invite/");

    // A German learner who already has an account, invited by an English-speaking admin.
    const englishAdmin = await createUser(db, { accountId: account.id, isAccountAdmin: true });
    const greta = await createUser(db, { email: "greta@beispiel.example" });
    await db.update(users).set({ language: "de" }).where(eq(users.id, greta.id));
    await inviteColleague(db, { ...englishAdmin, accountId: account.id }, greta.email, opts);
    expect(sentTo(greta.email).map((m) => m.subject)).toEqual([
      `${englishAdmin.name} hat Sie in die Academy von Beispiel AG eingeladen`,
    ]);

    // An English admin inviting someone unknown: English.
    await inviteColleague(db, { ...englishAdmin, accountId: account.id }, "new@beispiel.example", opts);
    expect(sentTo("new@beispiel.example").map((m) => m.subject)).toEqual([
      "You're invited to the Beispiel AG team on Uplift Academy",
    ]);
  });
});
