import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { MAIL_SINK_FILE } from "../../playwright.config";
import { screenshot, signIn, signUpNewLearner } from "./support";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The raw message the SMTP sink received for `to` whose headers match `subject`, headers unfolded, quoted-printable decoded. */
async function mailFor(to: string, subject: RegExp): Promise<string> {
  let found = "";
  await expect
    .poll(
      () => {
        const lines = fs.existsSync(MAIL_SINK_FILE)
          ? fs.readFileSync(MAIL_SINK_FILE, "utf8").trim().split("\n").filter(Boolean)
          : [];
        const mine = lines
          .map((l) => JSON.parse(l) as { to: string[]; raw: string })
          .filter((m) => m.to.includes(to))
          .map((m) =>
            m.raw
              .replace(/\r\n[ \t]+/g, " ")
              .replace(/=\r?\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          );
        found = mine.find((raw) => subject.test(raw)) ?? "";
        return found.length;
      },
      { timeout: 30_000, message: `a mail to ${to} matching ${subject}` },
    )
    .toBeGreaterThan(0);
  return found;
}

test("assigned with a due date → seen first → reminder at the SMTP server → its one-click unsubscribe works", async ({
  browser,
  request,
}) => {
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  const email = await signUpNewLearner(learnerPage);

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, "alice@acme.example");
  await page.goto("/team");
  await page.getByRole("link", { name: /Assign a course or stage path/ }).click();
  const due = inDays(2);
  await page.getByLabel("Course or stage path").selectOption({ label: "Alerts that matter (adoption)" });
  await page.getByLabel("Only these people:").check();
  await page.getByRole("checkbox", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).check();
  await page.getByLabel("Due date (optional)").fill(due);
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toContainText(`Assigned 1 course to 1 learner, due ${due}`);

  await learnerPage.goto("/");
  await expect(learnerPage.locator("main section").first()).toHaveAttribute("data-testid", "assigned-to-you");
  await expect(
    learnerPage.getByTestId("assigned-to-you").locator("[data-assignment=alerts-that-matter]"),
  ).toContainText("Due");

  // The scheduler in the server queues the due-soon reminder and sends it through SMTP.
  const raw = await mailFor(email, new RegExp(`^Subject: Due ${due}: Alerts that matter`, "m"));
  expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  const link = /^List-Unsubscribe: <([^>]+)>/m.exec(raw)![1]!;
  expect(link).toMatch(/\/unsubscribe\/[0-9a-f-]{36}\.reminders\.[A-Za-z0-9_-]{32}$/);
  expect(raw).toContain(link); // the footer carries the same link

  // Opening the link only asks (a link scanner must not unsubscribe anyone); the button unsubscribes.
  const anonymous = await browser.newContext();
  const confirm = await anonymous.newPage();
  await confirm.goto(link);
  await expect(confirm.getByRole("heading", { name: "Unsubscribe" })).toBeVisible();
  await expect(confirm.getByText("Course reminders")).toBeVisible();
  await screenshot(confirm, "unsubscribe-confirm");
  // A post that is neither the button nor the one-click body switches nothing off and says so (issue 18).
  await confirm.locator('button[name="intent"]').evaluate((b) => ((b as HTMLButtonElement).value = "stay"));
  await confirm.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(confirm.getByRole("alert")).toHaveText(
    "Nothing was changed: use the Unsubscribe button below to stop these emails.",
  );
  await expect(confirm.getByRole("heading", { name: "Unsubscribe" })).toBeFocused();
  await screenshot(confirm, "unsubscribe-refused");
  await confirm.goto(link);
  await confirm.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(confirm.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  await screenshot(confirm, "unsubscribe-done");

  // The mail client's RFC 8058 one-click POST: no cookie, no CSRF token.
  const oneClick = await request.post(link, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { Origin: "https://mail.example" },
  });
  expect(oneClick.status()).toBe(200);
  expect(
    (await request.post(link.replace(/.{4}$/, "AAAA"), { form: { "List-Unsubscribe": "One-Click" } })).status(),
  ).toBe(404);

  // The learner's settings page shows reminders off, and can switch them back on.
  await learnerPage.getByRole("link", { name: "Email settings" }).click();
  const box = learnerPage.getByRole("checkbox", { name: "Course reminders" });
  await expect(box).not.toBeChecked();
  await screenshot(learnerPage, "email-settings");
  await box.check();
  await learnerPage.getByRole("button", { name: "Save" }).click();
  await expect(learnerPage.getByRole("status")).toHaveText("Saved.");
  await expect(box).toBeChecked();
  await anonymous.close();
  await learnerContext.close();
  await adminContext.close();
});

test("a CS leader's assignment rule gives every new learner at matching accounts the course", async ({ browser }) => {
  const staff = await browser.newContext();
  const page = await staff.newPage();
  await signIn(page, "cs@uplift.example");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Assignment rules" }).click();
  await expect(page.getByRole("heading", { name: "Assignment rules", level: 1 })).toBeVisible();
  // Nothing chosen and a bad number: each field says what is wrong.
  await page.getByLabel("Due after joining, in days (optional)").fill("soon");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByText("Choose an account stage.")).toBeVisible();
  await expect(page.getByText("Choose a course.")).toBeVisible();
  await expect(page.getByText("A whole number of days.")).toBeVisible();
  await screenshot(page, "assignment-rules-errors");

  // Globex is in the expansion stage in the demo data.
  await page.getByLabel("Accounts in the stage").selectOption("expansion");
  await page.getByLabel("Course", { exact: true }).selectOption({ label: "Alerts that matter (adoption)" });
  await page.getByLabel("Due after joining, in days (optional)").fill("14");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByRole("status")).toContainText("Rule created; assigned to");
  await expect(page.getByRole("listitem").filter({ hasText: "Alerts that matter" })).toContainText("due in 14 days");
  await screenshot(page, "assignment-rules-created");

  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await signUpNewLearner(learner, "globex.example");
  await learner.goto("/");
  const assigned = learner.getByTestId("assigned-to-you");
  await expect(assigned.locator("[data-assignment=alerts-that-matter]")).toContainText("Due");
  await screenshot(learner, "assignment-rule-new-learner");

  // Leave the demo as it was for the specs that follow.
  await page.getByRole("button", { name: /Turn off the rule for Alerts that matter/ }).click();
  await expect(page.getByRole("status")).toContainText("The rule is off");
  await learnerContext.close();
  await staff.close();
});
