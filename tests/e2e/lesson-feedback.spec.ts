import { expect, test, type Page } from "@playwright/test";
import { screenshot, signUpNewLearner } from "./support";
import { completeCourse } from "./learner-support";

async function openFirstLesson(page: Page) {
  await page.goto("/courses/getting-started");
  await page.getByRole("link", { name: "Start course" }).click();
  await expect(page.getByRole("heading", { name: "How helpful was this lesson?" })).toBeVisible();
  return new URL(page.url()).pathname;
}

for (const js of [true, false]) {
  test.describe(js ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: js });
    test("a rating without a score is refused with a field error, then saved and editable", async ({ page }) => {
      await signUpNewLearner(page);
      await openFirstLesson(page);
      await page.getByLabel("Comment (optional)").fill("Needs a diagram");
      await page.getByRole("button", { name: "Send feedback" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Choose a rating from 1 to 5." })).toBeVisible();
      await page.locator('label:has(input[name="rating"][value="4"])').click();
      await page.getByRole("button", { name: "Send feedback" }).click();
      await expect(page.getByText("Thanks — your feedback was saved.")).toBeVisible();
      await expect(page.getByText("Choose a rating from 1 to 5.")).toHaveCount(0);
      await page.reload();
      await expect(page.locator('input[name="rating"][value="4"]')).toBeChecked();
      await expect(page.getByRole("button", { name: "Update feedback" })).toBeVisible();
    });
  });
}

test("a rating is kept when the learner moves on before the server answers", async ({ page }) => {
  await signUpNewLearner(page);
  const lesson = await openFirstLesson(page);
  await page.waitForLoadState("networkidle");
  await page.route(
    (u) => u.pathname === lesson,
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await new Promise((r) => setTimeout(r, 1_000));
      await route.continue().catch(() => {}); // an aborted request cannot be continued: the rating was lost
    },
  );
  await page.locator('label:has(input[name="rating"][value="2"])').click();
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByRole("button", { name: "Saving…" })).toBeVisible();
  await page.locator('a[rel="next"]').click();
  await page.waitForURL((u) => u.pathname !== lesson);
  await page.unrouteAll({ behavior: "wait" });
  await page.goto(lesson);
  await expect(page.locator('input[name="rating"][value="2"]')).toBeChecked();
});

test("the end-of-course survey refuses a missing score, then saves the answer", async ({ page }) => {
  await signUpNewLearner(page);
  await completeCourse(page, "getting-started");
  const survey = page.locator("form", { has: page.getByRole("heading", { name: /How likely are you to recommend/ }) });
  await expect(survey).toBeVisible();
  await survey.getByRole("button", { name: "Send answer" }).click();
  await expect(survey.getByRole("alert")).toHaveText("Choose a number from 0 to 10.");
  await survey.locator('label:has(input[name="recommend"][value="9"])').click();
  await survey.getByLabel("What should we improve? (optional)").fill("More examples with real data");
  await survey.getByRole("button", { name: "Send answer" }).click();
  await expect(survey.getByText("Thank you!")).toBeVisible();
  await expect(survey.getByRole("alert")).toHaveCount(0);
  await screenshot(page, "course-survey");
  await page.reload();
  await expect(page.locator('input[name="recommend"][value="9"]')).toBeChecked();
  await expect(page.getByRole("button", { name: "Update answer" })).toBeVisible();
});
