import { expect, test } from "@playwright/test";
import { screenshot, signIn, signUpNewLearner } from "./support";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test("an account admin assigns a course with a due date; the learner sees it first on home", async ({ browser }) => {
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  const email = await signUpNewLearner(learnerPage);

  const adminContext = await browser.newContext();
  const page = await adminContext.newPage();
  await signIn(page, "alice@acme.example");
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "Assigned training" })).toBeVisible();
  await page.getByRole("link", { name: /Assign a course or stage path/ }).click();
  await expect(page.getByRole("heading", { name: "Assign training" })).toBeVisible();

  // Nothing chosen: the form re-renders with errors next to the fields.
  await page.getByLabel("Only these people:").check();
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText("Choose a course or a stage path.")).toBeVisible();
  await expect(page.getByText("Choose learners, or every learner of the account.")).toBeVisible();
  await screenshot(page, "assign-errors");

  const due = inDays(10);
  await page.getByLabel("Course or stage path").selectOption({ label: "Alerts that matter (adoption)" });
  await page.getByLabel("Only these people:").check();
  await page.getByRole("checkbox", { name: new RegExp(email.replace(/[.]/g, "\\.")) }).check();
  await page.getByLabel("Due date (optional)").fill(due);
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toContainText(`Assigned 1 course to 1 learner, due ${due}`);
  await screenshot(page, "assign-done");

  await page.goto("/team");
  await expect(page.getByTestId("assignment-summary").locator("[data-count=assigned]")).not.toHaveText("0");
  await screenshot(page, "team-assignments");

  await learnerPage.goto("/");
  const assigned = learnerPage.getByTestId("assigned-to-you");
  await expect(assigned).toBeVisible();
  await expect(assigned.locator("[data-assignment=alerts-that-matter]")).toContainText("Due");
  // First: the section comes before everything else on the page's main column.
  const firstSection = learnerPage.locator("main section").first();
  await expect(firstSection).toHaveAttribute("data-testid", "assigned-to-you");
  await screenshot(learnerPage, "home-assigned-first");
  await learnerContext.close();
  await adminContext.close();
});
